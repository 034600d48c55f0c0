//! The router that finds the operation an exchange calls: matchit over `server base path +
//! path template`, across all specs, with a piece-by-piece fallback for templates matchit
//! cannot take.

use std::collections::HashMap;

use super::BuildError;
use super::operation::OperationRef;
use confirmspec_spec::Spec;
use confirmspec_spec::model::{Credential, In, Operation, Server, path_of};

/// One route: a normalised path, and the operations at it by method.
struct Route {
    operations: Vec<usize>,
}

/// A template matchit cannot take (two parameters in one segment): matched piece by piece.
struct Fallback {
    segments: Vec<Vec<Piece>>,
    route: usize,
}

enum Piece {
    Literal(String),
    Param,
}

pub(crate) struct Operations {
    operations: Vec<Operation>,
    statuses: Vec<Vec<String>>,
    router: matchit::Router<usize>,
    routes: Vec<Route>,
    fallbacks: Vec<Fallback>,
    /// Every operation's path under each of its base paths, in segments (empty ones left
    /// out), for [`Operations::nearest`]: made once, not for each unmatched request.
    templates: Vec<(usize, Vec<Vec<Piece>>)>,
}

/// What the router found for a request.
pub(crate) enum Found<'o> {
    /// The operation, and its path parameters' names and raw (still percent-encoded) values.
    Operation(&'o Operation, Vec<(&'o str, String)>),
    WrongMethod(Vec<&'o str>),
    Nothing,
}

impl Operations {
    pub(super) fn new(specs: &[Spec]) -> Result<Self, BuildError> {
        let mut operations = Vec::new();
        for (index, spec) in specs.iter().enumerate() {
            if let Some(e) = spec.model_problems().first() {
                return Err(BuildError::Spec {
                    file: spec.file.display().to_string(),
                    problem: format!("at {}: {}", e.pointer, e.problem),
                });
            }
            operations.extend(spec.operations().iter().map(|operation| Operation {
                spec: index,
                ..operation.clone()
            }));
        }
        let mut router = matchit::Router::new();
        let mut routes: Vec<Route> = Vec::new();
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut fallbacks = Vec::new();
        for (op_index, operation) in operations.iter().enumerate() {
            for base in base_paths(operation) {
                let full = format!("{}{}", base.trim_end_matches('/'), operation.path);
                let normalized = normalize(&full);
                let route = match keys.get(&normalized) {
                    Some(route) => *route,
                    None => {
                        let route = routes.len();
                        routes.push(Route {
                            operations: Vec::new(),
                        });
                        keys.insert(normalized.clone(), route);
                        if router.insert(normalized.clone(), route).is_err() {
                            fallbacks.push(Fallback {
                                segments: pieces(&full),
                                route,
                            });
                        }
                        route
                    }
                };
                if !routes[route].operations.contains(&op_index) {
                    routes[route].operations.push(op_index);
                }
            }
        }
        let statuses = operations
            .iter()
            .map(|op| op.responses.iter().map(|r| r.key.clone()).collect())
            .collect();
        let templates = operations
            .iter()
            .enumerate()
            .flat_map(|(index, op)| {
                base_paths(op)
                    .into_iter()
                    .map(move |base| (index, op, base))
            })
            .map(|(index, op, base)| {
                let template = format!("{}{}", base.trim_end_matches('/'), op.path);
                let segments = pieces(&template)
                    .into_iter()
                    .filter(|pieces| !pieces.is_empty())
                    .collect();
                (index, segments)
            })
            .collect();
        Ok(Self {
            operations,
            statuses,
            router,
            routes,
            fallbacks,
            templates,
        })
    }

    pub(super) fn len(&self) -> usize {
        self.operations.len()
    }

    pub(super) fn iter<'v>(&'v self, specs: &'v [Spec]) -> impl Iterator<Item = OperationRef<'v>> {
        self.operations
            .iter()
            .zip(&self.statuses)
            .map(|(op, statuses)| OperationRef {
                spec: &specs[op.spec].name,
                id: &op.id,
                method: &op.method,
                path: &op.path,
                statuses,
            })
    }

    /// The names of query parameters that carry credentials or secrets.
    /// The names of the parameters at `location` that carry credentials: apiKey schemes and
    /// parameters whose schema is `format: password`.
    pub(super) fn secret_names(&self, location: In) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for operation in &self.operations {
            let schemes = operation
                .security
                .alternatives
                .iter()
                .flat_map(|a| &a.schemes)
                .filter_map(|s| match &s.credential {
                    Credential::ApiKey(at, name) if *at == location => Some(name.clone()),
                    _ => None,
                });
            let params = operation
                .params
                .iter()
                .filter(|p| p.secret && p.location == location)
                .map(|p| p.name.clone());
            for name in schemes.chain(params) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// The operation of the `spec`th spec at `pointer`.
    #[cfg(feature = "mock")]
    pub(super) fn at(&self, spec: usize, pointer: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.spec == spec && o.pointer == pointer)
    }

    pub(super) fn by_id(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.id == id)
    }

    /// The operation `method path` calls; `host` restricts to specs whose servers name it.
    pub(crate) fn find(&self, method: &str, path: &str, host: Option<&str>) -> Found<'_> {
        let (route, mut values) = match self.router.at(path) {
            Ok(matched) => {
                let values: Vec<String> =
                    matched.params.iter().map(|(_, v)| v.to_owned()).collect();
                (*matched.value, values)
            }
            Err(_) => match self.fallback(path) {
                Some(found) => found,
                None => return Found::Nothing,
            },
        };
        let candidates = self.routes[route]
            .operations
            .iter()
            .map(|&i| &self.operations[i]);
        let host_ok = |op: &Operation| {
            host.is_none_or(|h| op.hosts.iter().any(|known| known.eq_ignore_ascii_case(h)))
        };
        let mut methods = Vec::new();
        for operation in candidates {
            if !host_ok(operation) {
                continue;
            }
            if operation.method.eq_ignore_ascii_case(method) {
                let params = operation
                    .path_params
                    .iter()
                    .map(String::as_str)
                    .zip(std::mem::take(&mut values))
                    .collect();
                return Found::Operation(operation, params);
            }
            methods.push(operation.method.as_str());
        }
        if methods.is_empty() {
            Found::Nothing
        } else {
            Found::WrongMethod(methods)
        }
    }

    /// The spec of the operation `method path` calls, as [`Operations::find`] finds it with
    /// no host, without collecting the path's parameter values: the proxy asks this of every
    /// request before forwarding it.
    pub(super) fn spec_of(&self, method: &str, path: &str) -> Option<usize> {
        let route = match self.router.at(path) {
            Ok(matched) => *matched.value,
            Err(_) => self.fallback(path)?.0,
        };
        self.routes[route]
            .operations
            .iter()
            .map(|&i| &self.operations[i])
            .find(|operation| operation.method.eq_ignore_ascii_case(method))
            .map(|operation| operation.spec)
    }

    /// Where an unmatched `path` would be documented: the spec (by index) and the pointer of
    /// its `paths`, or of the path's item when the path is documented for other methods. The
    /// spec is the one with a path sharing the most segments with `path`, at its start or at
    /// its end (a segment matches itself or a parameter: `/v2/campaigns/1/orders` is nearest
    /// `/campaigns/{id}/orders`), then one whose servers name `host`, then the first.
    pub(super) fn nearest(&self, path: &str, host: Option<&str>) -> Option<(usize, String)> {
        if let Found::WrongMethod(_) = self.find("", path, None) {
            let route = match self.router.at(path) {
                Ok(matched) => Some(*matched.value),
                Err(_) => self.fallback(path).map(|(route, _)| route),
            };
            if let Some(operation) = route.and_then(|r| self.routes[r].operations.first()) {
                let operation = &self.operations[*operation];
                let item = operation
                    .pointer
                    .rsplit_once('/')
                    .map_or("", |(item, _)| item);
                return Some((operation.spec, item.to_owned()));
            }
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let names_host = |op: &Operation| {
            host.is_some_and(|h| op.hosts.iter().any(|known| known.eq_ignore_ascii_case(h)))
        };
        let best = self
            .templates
            .iter()
            .map(|(index, template)| {
                let op = &self.operations[*index];
                let matches = |(pieces, segment): &(&Vec<Piece>, &&str)| {
                    match_segment(pieces, segment).is_some()
                };
                let leading = template.iter().zip(&segments).take_while(matches).count();
                let trailing = (template.iter().rev())
                    .zip(segments.iter().rev())
                    .take_while(matches)
                    .count();
                (
                    leading.max(trailing),
                    names_host(op),
                    std::cmp::Reverse(op.spec),
                )
            })
            .max()?;
        Some((best.2.0, "/paths".to_owned()))
    }

    fn fallback(&self, path: &str) -> Option<(usize, Vec<String>)> {
        let segments: Vec<&str> = path.split('/').collect();
        'next: for fallback in &self.fallbacks {
            if fallback.segments.len() != segments.len() {
                continue;
            }
            let mut values = Vec::new();
            for (pieces, segment) in fallback.segments.iter().zip(&segments) {
                match match_segment(pieces, segment) {
                    Some(found) => values.extend(found),
                    None => continue 'next,
                }
            }
            return Some((fallback.route, values));
        }
        None
    }
}

/// `/a/{petId}/b` -> `/a/{p0}/b`: parameter names do not distinguish routes.
fn normalize(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut count = 0;
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c == '{' {
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
            out.push_str(&format!("{{p{count}}}"));
            count += 1;
        } else {
            out.push(c);
        }
    }
    out
}

fn pieces(template: &str) -> Vec<Vec<Piece>> {
    template
        .split('/')
        .map(|segment| {
            let mut pieces = Vec::new();
            let mut rest = segment;
            while let Some(start) = rest.find('{') {
                if start > 0 {
                    pieces.push(Piece::Literal(rest[..start].to_owned()));
                }
                let end = rest[start..]
                    .find('}')
                    .map_or(rest.len(), |e| start + e + 1);
                pieces.push(Piece::Param);
                rest = &rest[end..];
            }
            if !rest.is_empty() {
                pieces.push(Piece::Literal(rest.to_owned()));
            }
            pieces
        })
        .collect()
}

fn match_segment(pieces: &[Piece], segment: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    let mut rest = segment;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Literal(literal) => rest = rest.strip_prefix(literal.as_str())?,
            Piece::Param => {
                let end = match pieces.get(i + 1) {
                    Some(Piece::Literal(next)) => rest.find(next.as_str())?,
                    _ => rest.len(),
                };
                if end == 0 {
                    return None;
                }
                values.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(values)
}

/// The base paths of the servers that apply to an operation (its own, its path item's, or the
/// document's), with server variables at their defaults and enum values.
fn base_paths(operation: &Operation) -> Vec<String> {
    let mut paths: Vec<String> = operation
        .servers
        .iter()
        .flat_map(Server::urls)
        .map(|url| path_of(&url))
        .collect();
    if paths.is_empty() {
        paths.push(String::new());
    }
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_normalise_and_fall_back_piece_by_piece() {
        assert_eq!(
            normalize("/v2/pets/{petId}/photos/{n}"),
            "/v2/pets/{p0}/photos/{p1}"
        );
        let pieces = pieces("/files/{name}.{ext}");
        assert_eq!(
            match_segment(&pieces[2], "report.tar.gz"),
            Some(vec!["report".into(), "tar.gz".into()])
        );
        assert_eq!(match_segment(&pieces[2], "report"), None);
    }
}
