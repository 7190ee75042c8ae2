//! Running a parser on hostile input: on a worker thread, inside `catch_unwind`, with the
//! caller waiting at most a time limit. A panic becomes [`Unverifiable::Malformed`], a
//! worker still busy at the deadline [`Unverifiable::TimedOut`].
//!
//! A thread cannot be killed, so an abandoned worker runs on until its parser returns
//! (html5ever is quadratic in nesting depth: 100,000 nested `<div>`s take a minute). While
//! [`MAX_ABANDONED`] abandoned workers are still running, new jobs are refused as timed
//! out rather than piling up threads; workers that merely run in parallel (a caller
//! extracting on many threads) are never counted.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::model::Unverifiable;

/// Abandoned workers still running, above which new jobs are refused.
pub const MAX_ABANDONED: usize = 4;

static ABANDONED: AtomicUsize = AtomicUsize::new(0);

const WORKER_NAME: &str = "citelint-source";

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const GIVEN_UP: u8 = 2;

/// Run `job(deadline)` on a worker and wait for it until the deadline.
pub(crate) fn run<T: Send + 'static>(
    time: Duration,
    job: impl FnOnce(Instant) -> T + Send + 'static,
) -> Result<T, Unverifiable> {
    if ABANDONED.load(Ordering::SeqCst) >= MAX_ABANDONED {
        return Err(Unverifiable::TimedOut);
    }
    quiet_worker_panics();
    let deadline = Instant::now() + time;
    let state = Arc::new(AtomicU8::new(RUNNING));
    let worker_state = Arc::clone(&state);
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned =
        std::thread::Builder::new().name(WORKER_NAME.into()).stack_size(32 << 20).spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| job(deadline)));
            let _ = tx.send(result);
            if worker_state.swap(FINISHED, Ordering::SeqCst) == GIVEN_UP {
                ABANDONED.fetch_sub(1, Ordering::SeqCst);
            }
        });
    if let Err(e) = spawned {
        return Err(Unverifiable::Malformed(format!("no thread to parse in: {e}")));
    }
    match rx.recv_timeout(time) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(panic)) => {
            Err(Unverifiable::Malformed(format!("the parser failed: {}", panic_message(&*panic))))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // Count the worker as abandoned unless it finished in the meantime.
            ABANDONED.fetch_add(1, Ordering::SeqCst);
            if state.compare_exchange(RUNNING, GIVEN_UP, Ordering::SeqCst, Ordering::SeqCst).is_err() {
                ABANDONED.fetch_sub(1, Ordering::SeqCst);
            }
            Err(Unverifiable::TimedOut)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Unverifiable::Malformed("the parser stopped".into()))
        }
    }
}

/// A panic on a worker is expected (parsers panic on broken files) and is reported as
/// [`Unverifiable::Malformed`]; the default hook would still print it to stderr for
/// every hostile file. The hook installed here stays quiet for the workers only and
/// passes every other panic to the hook that was there before.
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

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_is_malformed_with_its_message() {
        let out = run(Duration::from_secs(5), |_| -> u8 { panic!("bad xref") });
        assert_eq!(out, Err(Unverifiable::Malformed("the parser failed: bad xref".into())));
    }

    #[test]
    fn a_job_past_its_time_is_timed_out_and_released_when_it_ends() {
        let out = run(Duration::from_millis(20), |_| std::thread::sleep(Duration::from_millis(300)));
        assert_eq!(out, Err(Unverifiable::TimedOut));
        std::thread::sleep(Duration::from_millis(600));
        // The worker has ended: it no longer counts against new jobs.
        assert_eq!(run(Duration::from_secs(5), |_| 7), Ok(7));
    }

    #[test]
    fn jobs_running_side_by_side_are_not_refused() {
        let handles: Vec<_> = (0..3 * MAX_ABANDONED)
            .map(|i| {
                std::thread::spawn(move || {
                    run(Duration::from_secs(5), move |_| {
                        std::thread::sleep(Duration::from_millis(50));
                        i
                    })
                })
            })
            .collect();
        for (i, h) in handles.into_iter().enumerate() {
            assert_eq!(h.join().unwrap(), Ok(i));
        }
    }
}
