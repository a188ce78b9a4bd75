//! Building blocks shared by the pages.

pub mod errors;
pub mod layout;
pub mod loaded;
pub mod locale;
pub mod quiz;
pub mod quiz_check;
pub mod read_aloud;
pub mod text_size;
