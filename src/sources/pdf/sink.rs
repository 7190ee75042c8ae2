//! Where pdf-extract's glyphs land: placed into lines and paragraphs by their position
//! (a space where a word starts right of the previous glyph's end, a line break where
//! the baseline moves, a blank line where it jumps by about two lines or a page ends),
//! and stopped when the deadline passes or the text grows past its limit.

use std::time::Instant;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

pub(super) struct TextSink {
    text: String,
    deadline: Instant,
    max_bytes: usize,
    /// Page height, to turn PDF's upward y into downward reading order.
    page_height: f64,
    last_end: f64,
    last_y: f64,
    word_start: bool,
    started: bool,
    timed_out: bool,
    glyphs: u32,
}

impl TextSink {
    pub fn new(deadline: Instant, max_chars: usize) -> Self {
        TextSink {
            text: String::new(),
            deadline,
            max_bytes: max_chars.saturating_mul(4),
            page_height: 0.0,
            last_end: f64::MAX,
            last_y: 0.0,
            word_start: false,
            started: false,
            timed_out: false,
            glyphs: 0,
        }
    }

    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// The text, each line trimmed, runs of blank lines reduced to one.
    pub fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut blank = false;
        for line in self.text.lines().map(str::trim) {
            if line.is_empty() {
                blank = !out.is_empty();
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank { "\n\n" } else { "\n" });
            }
            out.push_str(line);
            blank = false;
        }
        out
    }

    fn stop() -> Result<(), OutputError> {
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for TextSink {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        if self.started {
            self.text.push_str("\n\n");
        }
        self.last_end = f64::MAX;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), OutputError> {
        self.glyphs = self.glyphs.wrapping_add(1);
        if self.glyphs.is_multiple_of(256) && Instant::now() >= self.deadline {
            self.timed_out = true;
            return Self::stop();
        }
        if self.text.len() > self.max_bytes {
            return Self::stop();
        }
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = if size.is_finite() && size > 0.0 { size } else { 1.0 };
        if self.word_start && self.started {
            let dy = (y - self.last_y).abs();
            if dy > size * 2.2 {
                self.text.push_str("\n\n");
            } else if dy > size * 1.2 || (x < self.last_end && dy > size * 0.5) {
                self.text.push('\n');
            } else if x > self.last_end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(glyph);
        self.started = true;
        self.word_start = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
