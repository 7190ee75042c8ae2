//! The Word reader on packages built in the test.
