//! How a resource travels: the property its requests and responses wrap it in, the wrapper
//! types (`wrappers!`), and reading and writing them. The generic handlers of `crud` and
//! `deactivatable` build on this.

use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::ToSchema;

use super::body;
use super::error::ApiError;
use super::route::Reply;

pub trait Wrapped: 'static {
    /// The property a request and a response wrap the object in, e.g. `application`.
    const WRAPPER: &'static str;
    type Item: Send + 'static;
    type Input: Send + 'static;
    /// The object on the wire.
    type Wire: Serialize + for<'a> From<&'a Self::Item>;
    /// `{"<wrapper>": Input}`.
    type Request: DeserializeOwned + ToSchema + Into<Self::Input>;
    /// `{"<wrapper>": Wire}`.
    type One: Serialize + ToSchema + From<Self::Wire>;
}

pub type One<R> = Result<Reply<<R as Wrapped>::One>, ApiError>;

pub fn one<R: Wrapped>(item: &R::Item) -> One<R> {
    Ok(Reply(R::One::from(R::Wire::from(item))))
}

/// A list's response, e.g. `{"applications": [Wire]}`.
pub fn many<R: Wrapped, Many: From<Vec<R::Wire>>>(items: &[R::Item]) -> Reply<Many> {
    Reply(Many::from(items.iter().map(R::Wire::from).collect()))
}

/// The input of a create or an update.
pub fn input<R: Wrapped>(bytes: &[u8]) -> Result<R::Input, ApiError> {
    Ok(body::request::<R::Request>(bytes, R::WRAPPER)?.into())
}

/// The input of a PATCH: the stored object as a GET returns it, patched, and read back as a
/// request.
pub fn patched<R: Wrapped>(
    stored: &R::Item,
    content_type: &str,
    bytes: &[u8],
) -> Result<R::Input, ApiError> {
    let stored = R::Wire::from(stored);
    let request: R::Request = body::patched(&stored, R::WRAPPER, content_type, bytes)?;
    Ok(request.into())
}

/// A resource's request and response wrappers: `Request {field: Input}`, `One {field: Wire}` and,
/// for a resource that is listed, `Many {fields: [Wire]}`; properties in camelCase. With its
/// `Wrapped` impl: `Resource(Item)`, the wrapper property's name, then the wrappers.
macro_rules! wrappers {
    ($resource:ident($item:ty), $wrapper:literal $field:ident:
     $(#[$request_doc:meta])* $request:ident($input:ty), $one:ident($wire:ty)
     $(, $fields:ident: $many:ident)?) => {
        $(#[$request_doc])*
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $request {
            pub $field: $input,
        }

        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $one {
            pub $field: $wire,
        }

        impl From<$request> for $input {
            fn from(r: $request) -> Self {
                r.$field
            }
        }

        impl From<$wire> for $one {
            fn from($field: $wire) -> Self {
                $one { $field }
            }
        }

        impl $crate::api::wire::Wrapped for $resource {
            const WRAPPER: &'static str = $wrapper;
            type Item = $item;
            type Input = $input;
            type Wire = $wire;
            type Request = $request;
            type One = $one;
        }

        $($crate::api::wire::wrappers!(list $fields: $many($wire));)?
    };
    (list $fields:ident: $many:ident($wire:ty)) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $many {
            pub $fields: Vec<$wire>,
        }

        impl From<Vec<$wire>> for $many {
            fn from($fields: Vec<$wire>) -> Self {
                $many { $fields }
            }
        }
    };
}
pub(crate) use wrappers;
