-- The request benches/proxy.sh and benches/proxy-instructions.sh send with wrk: Yandex Market's
-- verifyOrderEac with a documented body.
wrk.method = "PUT"
wrk.body = '{"code": "4711"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Api-Key"] = "bench-key"
