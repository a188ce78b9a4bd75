//! Turning an uploaded file's bytes into text: UTF-8 (with or without a byte order mark) or GBK,
//! the two encodings Excel saves CSV files in, with messages that say which one to choose.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, GB18030};

use super::{Encoding, RowError, RowProblem};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's text and the name of the encoding it was read as.
pub(super) struct Decoded<'b> {
    pub text: Cow<'b, str>,
    pub encoding: &'static str,
}

/// Why a file could not be read, and the encoding that was tried.
pub(super) struct Failure {
    pub error: RowError,
    pub encoding: &'static str,
}

pub(super) fn decode(bytes: &[u8], encoding: Encoding) -> Result<Decoded<'_>, Failure> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode 文本" is UTF-16 and tab-separated: neither encoding would read it.
        return Err(failure(0, RowProblem::Utf16, "UTF-8"));
    }
    match encoding {
        Encoding::Utf8 => utf8(bytes)
            .map(|text| decoded(text, "UTF-8"))
            .map_err(|line| failure(line, RowProblem::NotUtf8, "UTF-8")),
        Encoding::Gbk => gbk(bytes)
            .map(|text| decoded(text, "GBK"))
            .map_err(|line| failure(line, RowProblem::NotGbk, "GBK")),
        Encoding::Auto => auto(bytes),
    }
}

fn auto(bytes: &[u8]) -> Result<Decoded<'_>, Failure> {
    let utf8_line = match utf8(bytes) {
        Ok(text) => return Ok(decoded(text, "UTF-8")),
        Err(line) => line,
    };
    gbk(bytes)
        .map(|text| decoded(text, "GBK"))
        .map_err(|gbk_line| {
            // The encoding that read further is most likely the file's: point at where it failed.
            let line = utf8_line.max(gbk_line);
            failure(line, RowProblem::NeitherEncoding, "GBK")
        })
}

/// The text after any byte order mark, or the line where the first invalid byte is.
fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, usize> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => Err(lines_in(&body[..error.valid_up_to()]) + 1),
    }
}

/// Decodes with the GB18030 decoder, a superset of GBK, so files holding the rarer characters
/// some Excel versions write still read; returns the line of the first malformed sequence.
fn gbk(bytes: &[u8]) -> Result<Cow<'_, str>, usize> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return Ok(Cow::Owned(text)),
            // Only if the capacity estimate was short; make room and carry on.
            DecoderResult::OutputFull => text.reserve(rest.len().saturating_mul(2) + 4),
            DecoderResult::Malformed(..) => return Err(lines_in(text.as_bytes()) + 1),
        }
    }
}

fn lines_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte == b'\n').count()
}

fn decoded<'b>(text: Cow<'b, str>, encoding: &'static str) -> Decoded<'b> {
    Decoded { text, encoding }
}

fn failure(line: usize, problem: RowProblem, encoding: &'static str) -> Failure {
    Failure {
        error: RowError::new(line, problem),
        encoding,
    }
}
