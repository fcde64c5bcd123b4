//! Python objects to articles, with the JSON Lines reader's rules: a `str` is an article's text; a dict is a
//! JSON Lines record (`text` required; `id`, `title`, `date`, `source`, `url` optional). Both go through
//! `detente_ingest::article_from_object`, so ids, trimming and date normalisation are the CLI's.

use detente_records::Article;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyMapping, PyString};
use serde_json::{Map, Value};

/// The metadata a record may carry besides `text`.
const METADATA: [&str; 5] = ["id", "title", "date", "source", "url"];

/// The article a Python object describes, or why it is not one.
pub fn article_from_py(obj: &Bound<'_, PyAny>) -> Result<Article, String> {
    if obj.is_none() {
        return Err("the article is None: expected a str, bytes or a dict with \"text\"".into());
    }
    let mut record = Map::new();
    if let Ok(dict) = obj.cast::<PyDict>() {
        fill_record(&mut record, |key| dict.get_item(key).ok().flatten())?;
    } else if let Ok(mapping) = obj.cast::<PyMapping>() {
        fill_record(&mut record, |key| mapping.get_item(key).ok())?;
    } else {
        let text = text_value(obj).map_err(|why| format!("the article {why}"))?;
        record.insert("text".into(), Value::String(text));
    }
    let (article, date_problem) = detente_ingest::article_from_object(record, detente_ingest::DateOrder::default())?;
    if let Some(problem) = date_problem {
        // The article is coded undated, as in the CLI, which warns too.
        warn(obj.py(), &format!("article {:?}: {problem}", article.id));
    }
    Ok(article)
}

/// A `UserWarning`; one that cannot be shown (warnings turned into errors) is not this article's error.
fn warn(py: Python<'_>, message: &str) {
    let shown = py
        .import("warnings")
        .and_then(|warnings| warnings.call_method1("warn", (message,)));
    if let Err(err) = shown {
        err.write_unraisable(py, None);
    }
}

fn fill_record<'py>(
    record: &mut Map<String, Value>,
    get: impl Fn(&str) -> Option<Bound<'py, PyAny>>,
) -> Result<(), String> {
    match get("text") {
        None => return Err("missing \"text\"".into()),
        Some(text) if text.is_none() => return Err("\"text\" is None".into()),
        Some(text) => {
            let text = text_value(&text).map_err(|why| format!("\"text\" {why}"))?;
            record.insert("text".into(), Value::String(text));
        }
    }
    for key in METADATA {
        let Some(value) = get(key).filter(|v| !v.is_none()) else {
            continue;
        };
        record.insert(
            key.into(),
            metadata_value(&value).map_err(|why| format!("\"{key}\" {why}"))?,
        );
    }
    Ok(())
}

/// A text: a `str`, or UTF-8 `bytes`.
fn text_value(obj: &Bound<'_, PyAny>) -> Result<String, String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(|text| text.into_owned()).map_err(|_| {
            "is not valid UTF-8: it holds a lone surrogate (as text decoded with errors=\"surrogateescape\" does)"
                .to_string()
        });
    }
    let bytes = if let Ok(b) = obj.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        return Err(format!("is not a string (got {})", type_name(obj)));
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not valid UTF-8: invalid byte at offset {} (decode it first, or fix the source)",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A metadata value as JSON: strings (or UTF-8 bytes), numbers (as a JSON id would be), dates.
fn metadata_value(obj: &Bound<'_, PyAny>) -> Result<Value, String> {
    if obj.is_instance_of::<PyString>() {
        return text_value(obj).map(Value::String);
    }
    if obj.is_instance_of::<PyBool>() {
        return Err("is a bool: expected a string".into());
    }
    if obj.is_instance_of::<PyInt>() {
        // Large integers keep every digit, as JSON Lines ids do.
        return Ok(match obj.extract::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(obj.str().map_err(|e| e.to_string())?.to_string()),
        });
    }
    if obj.is_instance_of::<PyFloat>() {
        let x: f64 = obj.extract().map_err(|e: PyErr| e.to_string())?;
        return serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| format!("is {x}: expected a string"));
    }
    if is_date(obj) {
        let iso = obj.call_method0("isoformat").map_err(|e| e.to_string())?;
        return Ok(Value::String(iso.str().map_err(|e| e.to_string())?.to_string()));
    }
    text_value(obj).map(Value::String)
}

/// A `datetime.date` or `datetime.datetime` (also pandas' Timestamp, a datetime subclass).
fn is_date(obj: &Bound<'_, PyAny>) -> bool {
    let py = obj.py();
    py.import("datetime")
        .and_then(|m| m.getattr("date"))
        .is_ok_and(|date| obj.is_instance(&date).unwrap_or(false))
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".into())
}
