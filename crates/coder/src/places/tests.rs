//! Place recognition and event location on sentences written for these tests.
