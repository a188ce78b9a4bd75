//! Placeholder: the household CSV format (being written).
