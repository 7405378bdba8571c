// Parley's client kit for Node.js: loads parley.v1.LookupService from the
// .proto files at run time (@grpc/proto-loader) and decodes AIP-193 error
// details (google.rpc.Status in trailing metadata grpc-status-details-bin)
// with protobufjs.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const REPO = path.resolve(__dirname, '..', '..');

// The proto roots: Parley's own, the google/rpc protos (Debian package
// golang-github-gogo-googleapis-dev) and protobuf's well-known types
// (protobufjs also bundles those, so /usr/include is only a fallback).
function protoRoots() {
  const roots = [
    process.env.PARLEY_PROTO_ROOT || path.join(REPO, 'proto'),
    process.env.GOOGLEAPIS_PROTO_ROOT || '/usr/share/gocode/src/github.com/gogo/googleapis',
    process.env.PROTOBUF_INCLUDE || '/usr/include',
  ];
  return roots.filter((dir) => fs.existsSync(dir));
}

// proto-loader options, each for a reason:
const LOADER_OPTIONS = {
  // Field names exactly as in the .proto (to_date, page_size, start_utf16).
  // Without it proto-loader expects lowerCamelCase keys (toDate), and a
  // request object written with the proto's snake_case names has those
  // fields silently dropped: no error, just an unfiltered answer.
  keepCase: true,
  // 64-bit integers (Document.size_bytes, IndexInfo.generation) as decimal
  // strings rather than Long objects, which JSON.stringify and === mishandle.
  // int32 fields (all the offsets) stay plain numbers.
  longs: String,
  // Enums as their names ("PARTICIPANT_FUNCTION_HOST"), not bare numbers.
  enums: String,
  // Unset scalar fields come back as their default (0, "", false) instead of
  // undefined: proto3 does not send defaults, and a span starting at offset
  // 0 would otherwise have no start_utf16 at all.
  defaults: true,
  // Set oneof fields are named in a virtual field (ExportItem.item).
  oneofs: true,
  // Imports ("parley/v1/resources.proto", "google/protobuf/...") resolve
  // against the proto roots, as protoc's -I does.
  includeDirs: protoRoots(),
};

let cached = null;

// { grpc, LookupService, newClient(address) }.
function loadParley() {
  if (cached) return cached;
  const definition = protoLoader.loadSync(['parley/v1/lookup_service.proto'], LOADER_OPTIONS);
  const v1 = grpc.loadPackageDefinition(definition).parley.v1;
  cached = {
    grpc,
    LookupService: v1.LookupService,
    newClient: (address) => new v1.LookupService(address, grpc.credentials.createInsecure()),
  };
  return cached;
}

let rpcRoot = null;

// The google.rpc types, loaded with protobufjs from the same proto roots.
function googleRpcRoot() {
  if (rpcRoot) return rpcRoot;
  const roots = protoRoots();
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    for (const dir of roots) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return target;  // protobufjs' bundled google/protobuf/*.proto
  };
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
  rpcRoot = root;
  return root;
}

function statusName(code) {
  return Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
}

// A plain object for a gRPC error: code (name), message, and from the
// google.rpc.Status details the ErrorInfo reason/domain/metadata and the
// BadRequest field_violations, when present.
function decodeError(err) {
  const out = { code: statusName(err.code), message: err.details || err.message || '' };
  const values = err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (!values || values.length === 0) return out;
  const root = googleRpcRoot();
  const status = root.lookupType('google.rpc.Status').decode(values[0]);
  for (const any of status.details) {
    const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    let type = null;
    try {
      type = root.lookupType(typeName);
    } catch (e) {
      (out.other_details = out.other_details || []).push(any.type_url);
      continue;
    }
    const detail = type.toObject(type.decode(any.value), { defaults: true });
    if (typeName === 'google.rpc.ErrorInfo') {
      out.reason = detail.reason;
      out.domain = detail.domain;
      if (detail.metadata && Object.keys(detail.metadata).length) out.metadata = detail.metadata;
    } else if (typeName === 'google.rpc.BadRequest') {
      out.field_violations = (out.field_violations || []).concat(
        detail.field_violations.map((v) => ({ field: v.field, description: v.description })));
    } else {
      (out.other_details = out.other_details || []).push(any.type_url);
    }
  }
  return out;
}

module.exports = { loadParley, decodeError, LOADER_OPTIONS };
