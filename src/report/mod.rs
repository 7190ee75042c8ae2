//! Report formats, one file each.

pub mod html;
