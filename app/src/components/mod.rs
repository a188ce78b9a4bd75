//! Building blocks shared by the pages.

pub mod errors;
pub mod layout;
pub mod loaded;
pub mod locale;
pub mod quiz;
pub mod text_size;
