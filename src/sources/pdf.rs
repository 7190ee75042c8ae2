//! PDF sources: lopdf parses the file, pdf-extract walks its pages' content streams into
//! our [`sink::TextSink`], and [`meta`] reads the Info dictionary and the XMP packet.
//!
//! PDFs are untrusted and their parsers are not hardened, so the work runs on a worker
//! thread inside `catch_unwind`, and the caller waits at most [`Limits::pdf_time`]: a
//! panic becomes [`Unverifiable::Malformed`], a parser still busy at the deadline
//! [`Unverifiable::TimedOut`]. A thread cannot be killed, so an abandoned worker runs on
//! (the sink stops itself at the deadline; a parser stuck before it cannot be stopped);
//! while [`MAX_BUSY_WORKERS`] are still busy, further PDFs are refused as timed out
//! rather than piling up threads.

mod meta;
mod sink;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use super::Limits;
use super::model::{Extraction, SourceKind, Unverifiable};

/// Workers (finished or abandoned) that have not returned yet, above which new PDFs are
/// refused.
pub const MAX_BUSY_WORKERS: usize = 4;

static BUSY_WORKERS: AtomicUsize = AtomicUsize::new(0);

const WORKER_NAME: &str = "citelint-pdf";

/// A panic on a PDF worker is expected (the parsers panic on broken files) and becomes
/// [`Unverifiable::Malformed`]; the default hook would still print it to stderr on every
/// hostile PDF. The hook installed here stays quiet for those threads only and passes
/// every other panic to the hook that was there before.
fn quiet_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_NAME) {
                previous(info);
            }
        }));
    });
}

/// Decrements [`BUSY_WORKERS`] when the worker ends, however it ends.
struct Busy;

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY_WORKERS.fetch_sub(1, Ordering::SeqCst);
    }
}

pub(crate) fn extract(body: &[u8], limits: &Limits) -> Extraction {
    let refuse = |why| Extraction::unverifiable(SourceKind::Pdf, why);
    if BUSY_WORKERS.fetch_add(1, Ordering::SeqCst) >= MAX_BUSY_WORKERS {
        BUSY_WORKERS.fetch_sub(1, Ordering::SeqCst);
        return refuse(Unverifiable::TimedOut);
    }
    quiet_worker_panics();
    let bytes = body.to_vec();
    let deadline = Instant::now() + limits.pdf_time;
    let (max_chars, max_inflated) = (limits.max_text_chars, limits.max_pdf_inflated_bytes as u64);
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned =
        std::thread::Builder::new().name(WORKER_NAME.into()).stack_size(32 << 20).spawn(move || {
            let _busy = Busy;
            let result = catch_unwind(AssertUnwindSafe(|| read(&bytes, deadline, max_chars, max_inflated)));
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        BUSY_WORKERS.fetch_sub(1, Ordering::SeqCst);
        return refuse(Unverifiable::Malformed(format!("no thread to read the PDF in: {e}")));
    }
    match rx.recv_timeout(limits.pdf_time) {
        Ok(Ok(extraction)) => extraction,
        Ok(Err(panic)) => {
            refuse(Unverifiable::Malformed(format!("the PDF parser failed: {}", panic_message(&*panic))))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => refuse(Unverifiable::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            refuse(Unverifiable::Malformed("the PDF parser stopped".into()))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Parse and extract, on the worker thread.
fn read(bytes: &[u8], deadline: Instant, max_chars: usize, max_inflated: u64) -> Extraction {
    let late = || Instant::now() >= deadline;
    if late() {
        return Extraction::unverifiable(SourceKind::Pdf, Unverifiable::TimedOut);
    }
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) => return Extraction::unverifiable(SourceKind::Pdf, Unverifiable::Malformed(e.to_string())),
    };
    if doc.is_encrypted() {
        let why = Unverifiable::Malformed("encrypted: a password is needed to read it".into());
        return Extraction::unverifiable(SourceKind::Pdf, why);
    }
    if !inflates_within(&doc, max_inflated) {
        return Extraction::unverifiable(SourceKind::Pdf, Unverifiable::TooLarge);
    }
    if late() {
        return Extraction::unverifiable(SourceKind::Pdf, Unverifiable::TimedOut);
    }
    let mut out = Extraction::new(SourceKind::Pdf);
    meta::collect(&doc, &mut out);
    let mut text = sink::TextSink::new(deadline, max_chars);
    let result = pdf_extract::output_doc(&doc, &mut text);
    let timed_out = text.timed_out() || late();
    out.text = text.finish();
    let words = out.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    out.unverifiable = if timed_out {
        Some(Unverifiable::TimedOut)
    } else if let Err(e) = result {
        Some(Unverifiable::Malformed(format!("text extraction stopped: {e:?}")))
    } else if words < 3 * doc.get_pages().len().max(1) && has_images(&doc) {
        Some(Unverifiable::NoTextLayer)
    } else {
        None
    };
    out
}

/// Whether the Flate streams the text extraction may decode (all but images, which it
/// never decodes) inflate to at most `budget` bytes together. Counted with a bounded
/// decoder into a sink, so a compression bomb costs time up to the budget, not memory.
/// (Object streams are inflated by lopdf while loading, before this check.)
fn inflates_within(doc: &lopdf::Document, budget: u64) -> bool {
    use std::io::Read;
    let mut total = 0u64;
    for stream in doc.objects.values().filter_map(|o| o.as_stream().ok()) {
        if stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Image") {
            continue;
        }
        let flate = stream.filters().ok().and_then(|f| f.first().copied()) == Some(b"FlateDecode".as_slice());
        if !flate {
            total += stream.content.len() as u64;
        } else {
            let mut decoder = flate2::read::ZlibDecoder::new(&stream.content[..]).take(budget - total + 1);
            total += std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0);
        }
        if total > budget {
            return false;
        }
    }
    true
}

/// Whether the file holds an image XObject.
fn has_images(doc: &lopdf::Document) -> bool {
    doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|s| {
            s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Image")
        })
    })
}

#[cfg(test)]
mod tests;
