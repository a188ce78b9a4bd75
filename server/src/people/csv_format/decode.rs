//! Turning an uploaded file's bytes into text: UTF-8 (with or without a byte order mark) or GBK,
//! the two encodings Excel saves CSV files in, with messages that say which one to choose.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, GB18030};

use super::{Encoding, RowError};

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
        let message = "文件是UTF-16编码（Excel的“Unicode文本”格式），无法导入；\
                       请在Excel中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”";
        return Err(failure(0, message.to_string(), "UTF-8"));
    }
    match encoding {
        Encoding::Utf8 => utf8(bytes)
            .map(|text| decoded(text, "UTF-8"))
            .map_err(|line| {
                let message = "这一行有不是UTF-8编码的文字，文件可能是GBK编码\
                           （Excel“CSV（逗号分隔）”的默认编码）；请把编码选为GBK或自动后重新导入";
                failure(line, message.to_string(), "UTF-8")
            }),
        Encoding::Gbk => gbk(bytes).map(|text| decoded(text, "GBK")).map_err(|line| {
            let message = "这一行有无法按GBK编码识别的文字；如果文件是UTF-8编码，\
                           请把编码选为UTF-8或自动后重新导入";
            failure(line, message.to_string(), "GBK")
        }),
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
            let message =
                "文件既不是UTF-8也不是GBK编码（从这一行起无法识别），可能已损坏或是别的编码；\
                       请在Excel中另存为“CSV UTF-8（逗号分隔）”后重新导入";
            failure(utf8_line.max(gbk_line), message.to_string(), "GBK")
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

fn failure(line: usize, message: String, encoding: &'static str) -> Failure {
    Failure {
        error: RowError { line, message },
        encoding,
    }
}
