-- The W3C traceparent of the request that wrote the event, when tracing is on: the receiver continues that trace.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
