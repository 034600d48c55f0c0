//! The request target: an absolute URL or a path, split into host, path and query without allocating.

/// The parts of a request's target the checks use: an absolute URL
/// (`scheme://authority/path?query#fragment`) or an origin-form target (`/path?query`).
pub(crate) struct Target<'u> {
    pub(crate) host: Option<&'u str>,
    pub(crate) path: &'u str,
    pub(crate) query: &'u str,
}

/// A request target that is neither an absolute URL nor a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum TargetError {
    #[error("no host in `{0}`")]
    NoHost(String),
    #[error("neither an absolute URL nor a path")]
    Neither,
}

impl<'u> Target<'u> {
    pub(crate) fn parse(url: &'u str) -> Result<Self, TargetError> {
        // A target that starts with `/` is origin-form, whatever its query holds (a `://`
        // there is not a scheme's: a scheme has no `/`).
        let (host, rest) = if url.starts_with('/') {
            (None, url)
        } else {
            match url.split_once("://") {
                Some((scheme, rest))
                    if !scheme.is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
                {
                    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
                    let authority = &rest[..end];
                    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                    let host = match host_port.strip_prefix('[') {
                        Some(v6) => v6.split_once(']').map(|(h, _)| h),
                        None => Some(host_port.split(':').next().unwrap_or("")),
                    }
                    .filter(|h| !h.is_empty())
                    .ok_or_else(|| TargetError::NoHost(authority.to_owned()))?;
                    (Some(host), &rest[end..])
                }
                _ => return Err(TargetError::Neither),
            }
        };
        let rest = rest.split_once('#').map_or(rest, |(r, _)| r);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Ok(Target {
            host,
            path: if path.is_empty() { "/" } else { path },
            query,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn targets_split_into_host_path_and_query() {
        let cases = [
            (
                "https://api.example.com/v1/a?x=1#top",
                Some("api.example.com"),
                "/v1/a",
                "x=1",
            ),
            (
                "http://user:pw@Host.example:8080?q",
                Some("Host.example"),
                "/",
                "q",
            ),
            ("http://[::1]:3000/a/b", Some("::1"), "/a/b", ""),
            (
                "/campaigns/1/orders/2?x=%20",
                None,
                "/campaigns/1/orders/2",
                "x=%20",
            ),
            (
                "/return?to=https://shop.example/done",
                None,
                "/return",
                "to=https://shop.example/done",
            ),
        ];
        for (url, host, path, query) in cases {
            let target = Target::parse(url).unwrap();
            assert_eq!(
                (target.host, target.path, target.query),
                (host, path, query),
                "{url}"
            );
        }
        for url in ["relative/path", "https:///nohost", ""] {
            assert!(Target::parse(url).is_err(), "{url}");
        }
    }
}
