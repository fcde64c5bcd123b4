//! Rust records to Python objects, built directly through the records' `Serialize` impls: the same dict,
//! list, str, int, float, bool and None that `json.loads` gives for the CLI's JSON line (serde_json's rules:
//! structs and maps are dicts, sequences and tuples lists, unit variants their name, non-finite floats
//! None), without writing JSON text and parsing it again.
//!
//! What makes it cheaper than `json.loads` besides skipping the text: field names are `&'static str`, so each
//! becomes a Python str once (with its hash cached) and is reused for every dict; short values that repeat
//! across articles (actor codes, roles, rule names, CAMEO codes, kinds) and small unsigned numbers (offsets)
//! come from a bounded cache instead of being allocated again; lists are built at their final size. (Python's
//! cycle collector is held off meanwhile: see `gc_pause`.) `pythonize` does the same walk but makes a
//! new str for every key and value and turns NaN into `nan`, not None as JSON does, hence this module.

use std::fmt::Display;

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};

/// Values up to this many bytes are looked up in (and added to) the value cache: codes, roles, kinds, rule
/// and place names. Longer ones (sentences, quotations, titles) rarely repeat.
const CACHED_VALUE_BYTES: usize = 24;
/// At most this many distinct values are kept, so a long-lived coder's cache stays small whatever it codes.
const CACHED_VALUES: usize = 8192;
/// Unsigned integers below this (byte offsets, indexes: most of the numbers in a coded article) are made
/// once each; CPython itself shares only those up to 256.
const CACHED_INTS: u64 = 1 << 16;

/// Immutable Python objects reused across the objects built: field and variant names (by address: they are
/// `&'static str`), short string values and small unsigned integers. Using it needs the GIL.
#[derive(Default)]
pub struct PyCache {
    names: FxHashMap<(usize, usize), Py<PyString>>,
    values: FxHashMap<Box<str>, Py<PyString>>,
    ints: Vec<Option<Py<PyAny>>>,
}

impl PyCache {
    fn uint<'py>(&mut self, py: Python<'py>, v: u64) -> PyResult<Bound<'py, PyAny>> {
        if v >= CACHED_INTS {
            return v.into_bound_py_any(py);
        }
        let i = v as usize;
        if i >= self.ints.len() {
            self.ints.resize_with(i + 1, || None);
        }
        if let Some(int) = &self.ints[i] {
            return Ok(int.bind(py).clone());
        }
        let int = v.into_bound_py_any(py)?;
        self.ints[i] = Some(int.clone().unbind());
        Ok(int)
    }

    fn name<'py>(&mut self, py: Python<'py>, name: &'static str) -> &Bound<'py, PyString> {
        self.names
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| PyString::intern(py, name).unbind())
            .bind(py)
    }

    fn value<'py>(&mut self, py: Python<'py>, value: &str) -> Bound<'py, PyString> {
        if value.len() > CACHED_VALUE_BYTES {
            return PyString::new(py, value);
        }
        if let Some(cached) = self.values.get(value) {
            return cached.bind(py).clone();
        }
        let made = PyString::new(py, value);
        if self.values.len() < CACHED_VALUES {
            self.values.insert(value.into(), made.clone().unbind());
        }
        made
    }
}

/// `value` as the Python object `json.loads(serde_json.to_string(value))` would be.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    cache: &mut PyCache,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPy { py, cache }).map_err(|e| e.0)
}

/// A Python error, or a serde error turned into a `ValueError`.
#[derive(Debug)]
pub struct Error(PyErr);

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: Display>(msg: M) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, Error>;

struct ToPy<'a, 'py> {
    py: Python<'py>,
    cache: &'a mut PyCache,
}

impl<'a, 'py> ToPy<'a, 'py> {
    fn reborrow(&mut self) -> ToPy<'_, 'py> {
        ToPy {
            py: self.py,
            cache: self.cache,
        }
    }

    fn int<I: IntoPyObject<'py>>(&self, v: I) -> Out<'py> {
        Ok(v.into_bound_py_any(self.py)?)
    }

    /// `{variant: value}`: serde_json's form of newtype, tuple and struct variants.
    fn tagged(&mut self, variant: &'static str, value: Bound<'py, PyAny>) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.cache.name(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

impl<'a, 'py> ser::Serializer for ToPy<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        Ok(self.cache.uint(self.py, v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        Ok(self.cache.uint(self.py, v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        Ok(self.cache.uint(self.py, v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        Ok(self.cache.uint(self.py, v)?)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        // serde_json writes an f32 in its own shortest form ("0.1"), which JSON readers parse as the nearest
        // f64 (0.1), not the f32's exact value widened (0.10000000149...).
        match v.is_finite() {
            true => self.serialize_f64(v.to_string().parse().expect("a finite f32 prints as a number")),
            false => self.serialize_unit(),
        }
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        // JSON has no NaN or infinity: serde_json writes them as null.
        match v.is_finite() {
            true => Ok(PyFloat::new(self.py, v).into_any()),
            false => self.serialize_unit(),
        }
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(self.cache.value(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        // serde_json writes bytes as an array of numbers.
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Out<'py> {
        Ok(self.cache.name(self.py, variant).clone().into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(self.reborrow())?;
        self.tagged(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq::new(self, len.unwrap_or(0), None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq::new(self, len, None))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq::new(self, len, None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq::new(self, len, Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map<'a, 'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        Ok(Map::new(self, Some(variant)))
    }
}

/// A list being built: its items are collected, then the list is made at its final size in one go.
pub struct Seq<'a, 'py> {
    to: ToPy<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'a, 'py> Seq<'a, 'py> {
    fn new(to: ToPy<'a, 'py>, len: usize, variant: Option<&'static str>) -> Self {
        Seq {
            to,
            items: Vec::with_capacity(len),
            variant,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(self.to.reborrow())?;
        self.items.push(item);
        Ok(())
    }

    fn finish(mut self) -> Out<'py> {
        let list = PyList::new(self.to.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.to.tagged(variant, list),
            None => Ok(list),
        }
    }
}

/// The four sequence-like serde traits all push an element and finish the list.
macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A dict being built (a struct's fields or a map's entries).
pub struct Map<'a, 'py> {
    to: ToPy<'a, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'a, 'py> Map<'a, 'py> {
    fn new(to: ToPy<'a, 'py>, variant: Option<&'static str>) -> Self {
        let dict = PyDict::new(to.py);
        Map {
            to,
            dict,
            key: None,
            variant,
        }
    }

    fn finish(mut self) -> Out<'py> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.to.tagged(variant, dict),
            None => Ok(dict),
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let value = value.serialize(self.to.reborrow())?;
        self.dict.set_item(self.to.cache.name(self.to.py, key), value)?;
        Ok(())
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(MapKey { to: self.to.reborrow() })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value came before its key"))?;
        let value = value.serialize(self.to.reborrow())?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A map key: JSON object keys are strings, so serde_json writes string, char, integer and bool keys as
/// text and refuses the rest; so does this.
struct MapKey<'a, 'py> {
    to: ToPy<'a, 'py>,
}

impl MapKey<'_, '_> {
    fn refuse<T>(what: &str) -> Result<T, Error> {
        Err(<Error as ser::Error>::custom(format!(
            "a map key must be a string, not {what}"
        )))
    }
}

/// Integer and bool keys: their text.
macro_rules! key_as_text {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Out<'py> {
            Ok(PyString::new(self.to.py, &v.to_string()).into_any())
        })*
    };
}

/// Keys JSON cannot have.
macro_rules! key_refused {
    ($($method:ident($($arg:ty),*): $what:literal),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Out<'py> {
            Self::refuse($what)
        })*
    };
}

impl<'a, 'py> ser::Serializer for MapKey<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTuple = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleStruct = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleVariant = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeMap = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStruct = ser::Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStructVariant = ser::Impossible<Bound<'py, PyAny>, Error>;

    key_as_text!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_u128: u128,
    );
    key_refused!(
        serialize_f32(f32): "a float", serialize_f64(f64): "a float", serialize_bytes(&[u8]): "bytes",
        serialize_none(): "None", serialize_unit(): "a unit", serialize_unit_struct(&'static str): "a unit",
    );

    fn serialize_char(self, v: char) -> Out<'py> {
        self.to.serialize_char(v)
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        self.to.serialize_str(v)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit_variant(self, name: &'static str, index: u32, variant: &'static str) -> Out<'py> {
        self.to.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Out<'py> {
        Self::refuse("an enum variant with data")
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Self::refuse("a sequence")
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Self::refuse("a tuple")
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Self::refuse("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Self::refuse("an enum variant with data")
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Self::refuse("a map")
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Self::refuse("a struct")
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Self::refuse("an enum variant with data")
    }
}
