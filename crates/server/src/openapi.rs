//! The OpenAPI 3.1 document, generated from the handlers' annotations and the record types' schemas.

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "detente",
        description = "Political event data and attributed quotes from news text: code articles, store them, and \
            query events, quotes, dyad trends, alerts and the actor network. Errors are \
            `{\"error\": {\"code\", \"message\"}}`. Write endpoints need `Authorization: Bearer <token>`; reads \
            need it too when the server listens beyond the loopback interface.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        api::coding::code,
        api::coding::ingest,
        api::coding::article,
        api::tables::events,
        api::tables::quotes,
        api::tables::search,
        api::analysis::trend,
        api::analysis::alerts,
        api::analysis::network,
        api::analysis::actor,
        api::status,
        api::openapi,
    ),
    components(schemas(crate::error::ErrorBody, crate::filters::TableFormat, crate::filters::By)),
    modifiers(&TokenScheme),
    tags(
        (name = "coding", description = "Code articles; store them"),
        (name = "store", description = "Stored articles, events, quotes, search"),
        (name = "analysis", description = "Trends, alerts, networks, actors"),
        (name = "meta", description = "Status and this document"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token scheme that `security(("token" = []))` refers to.
struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The token from --token-file, or the one generated at first start (kept in <db>.token)",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as JSON, built once.
pub fn document_json() -> String {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        doc.info.version = env!("CARGO_PKG_VERSION").to_string();
        doc.to_pretty_json().expect("the OpenAPI document serialises")
    })
    .clone()
}
