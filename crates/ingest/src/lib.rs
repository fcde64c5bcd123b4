//! Article readers. (Stage owner: ingest.)
