//! Analysis. (Stage owner: store.)
