//! A small HTTP/1.1 server on 127.0.0.x for the link tests and the link benchmark: each
//! response is scripted by a handler, and the server counts what it saw — requests,
//! requests in flight (and their maximum), bytes of body sent.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the handler sees it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What to answer.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Wait this long before answering.
    pub delay: Duration,
}

#[derive(Clone, Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// This many bytes of filler, streamed in chunks (a huge download).
    Endless(u64),
}

impl Response {
    pub fn status(status: u16) -> Self {
        Response { status, headers: Vec::new(), body: Body::Bytes(Vec::new()), delay: Duration::ZERO }
    }
    pub fn ok() -> Self {
        Self::status(200)
    }
    pub fn redirect(status: u16, to: &str) -> Self {
        Self::status(status).header("Location", to)
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }
    pub fn html(self, html: &str) -> Self {
        self.header("Content-Type", "text/html; charset=utf-8").body(html.as_bytes().to_vec())
    }
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

/// What the server counted.
#[derive(Default)]
pub struct Counters {
    pub requests: AtomicUsize,
    pub in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    pub body_bytes: AtomicU64,
    /// When each request arrived, with its target.
    pub log: Mutex<Vec<(Instant, String, String)>>,
}

impl Counters {
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
    pub fn body_bytes(&self) -> u64 {
        self.body_bytes.load(Ordering::SeqCst)
    }
    /// `(method, target)` of every request, in arrival order.
    pub fn seen(&self) -> Vec<(String, String)> {
        self.log.lock().unwrap().iter().map(|(_, m, t)| (m.clone(), t.clone())).collect()
    }
    pub fn arrivals(&self) -> Vec<Instant> {
        self.log.lock().unwrap().iter().map(|(at, ..)| *at).collect()
    }
}

pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// A running server; it stops when the test process ends.
pub struct Server {
    pub addr: SocketAddr,
    pub counters: Arc<Counters>,
}

impl Server {
    /// Serve `handler` on `ip`, on a free port, from a thread of its own.
    pub fn start(ip: &str, handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Server {
        Self::start_on(format!("{ip}:0").parse().unwrap(), Arc::new(handler))
    }

    pub fn start_on(addr: SocketAddr, handler: Handler) -> Server {
        let counters = Arc::new(Counters::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let c = Arc::clone(&counters);
        std::thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::bind(addr).await.expect("bind test server");
                tx.send(listener.local_addr().unwrap()).unwrap();
                serve(listener, handler, c).await;
            });
        });
        let addr = rx.recv().expect("server started");
        Server { addr, counters }
    }

    /// `http://<addr><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

pub async fn serve(listener: TcpListener, handler: Handler, counters: Arc<Counters>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let handler = Arc::clone(&handler);
        let counters = Arc::clone(&counters);
        tokio::spawn(async move {
            let _ = connection(stream, handler, counters).await;
        });
    }
}

async fn connection(mut stream: TcpStream, handler: Handler, counters: Arc<Counters>) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    loop {
        // Read one request head.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end);
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_owned();
        let target = first.next().unwrap_or_default().to_owned();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())))
            .collect();
        let request = Request { method: method.clone(), target: target.clone(), headers };

        counters.requests.fetch_add(1, Ordering::SeqCst);
        counters.log.lock().unwrap().push((Instant::now(), method.clone(), target));
        let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        counters.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let response = handler(&request);
        if !response.delay.is_zero() {
            tokio::time::sleep(response.delay).await;
        }
        let result = respond(&mut stream, &method, &response, &counters).await;
        counters.in_flight.fetch_sub(1, Ordering::SeqCst);
        result?;
        if matches!(response.body, Body::Endless(_)) {
            return Ok(());
        }
    }
}

async fn respond(
    stream: &mut TcpStream,
    method: &str,
    response: &Response,
    counters: &Counters,
) -> std::io::Result<()> {
    let length = match &response.body {
        Body::Bytes(b) => b.len() as u64,
        Body::Endless(n) => *n,
    };
    let mut head = format!("HTTP/1.1 {} X\r\nContent-Length: {length}\r\n", response.status);
    for (n, v) in &response.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    if method == "HEAD" {
        return Ok(());
    }
    match &response.body {
        Body::Bytes(b) => {
            stream.write_all(b).await?;
            counters.body_bytes.fetch_add(b.len() as u64, Ordering::SeqCst);
        }
        Body::Endless(n) => {
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < *n {
                stream.write_all(&chunk).await?;
                sent += chunk.len() as u64;
                counters.body_bytes.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
        }
    }
    Ok(())
}
