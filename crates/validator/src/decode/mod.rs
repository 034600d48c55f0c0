//! What a body is and how it is read: media types and ranges matched as OpenAPI matches them;
//! form bodies (`application/x-www-form-urlencoded`, `multipart/form-data`) read into the JSON
//! value their schema describes, each field typed by its property; multipart bodies split into
//! their parts.

pub(crate) mod form;
pub(crate) mod media;
pub(crate) mod multipart;
