//! The store. (Stage owner: store.)
