//! The shop's side of head office (`crema hq`). `wire` is the batch format
//! both sides share.

pub mod wire;
