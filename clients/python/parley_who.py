#!/usr/bin/python3
"""Who took part in what: Parley's headline question from Python.

    parley_who.py --server HOST:PORT --topic cyber --from 2011 --to 2011 \
        [--page-size N] [--json] [--deadline SECONDS] [--stubs DIR]
    parley_who.py --server HOST:PORT --link-text TEXT [--json]

Calls parley.v1.LookupService/ListParticipations (filter topics, from_date,
to_date), follows next_page_token through every page, and prints one row per
(person, event): the person, the event's title and date, the function, and
each evidence quote, sliced here from the document text (GetDocument, once
per document) with start_code_point/end_code_point: Python str indices. The
slice must equal Evidence.quote; the byte offsets are checked too.

On an RPC error it prints the status code and message and the
google.rpc.Status details from the trailing metadata key
grpc-status-details-bin (AIP-193): the ErrorInfo reason and domain, and any
BadRequest field violations; then exits 1.

--json prints one JSON object instead (rows, pages, quote mismatches; or
"error"), for scripts and tests.

--link-text TEXT instead calls LinkMentions on TEXT and checks that
TEXT[start_code_point:end_code_point] (and the byte-offset slice) of every
span equals its surface: text with characters outside the BMP (emoji) makes
bytes, code points and UTF-16 units all differ.

Exit status: 0 ok; 1 RPC error; 2 usage; 3 a quote does not match its offsets.

The stubs come from clients/python/generate.sh: from --stubs DIR (or
$PARLEY_PYTHON_STUBS) when given, else generated into a temporary directory
for this run. Needs grpcio and protobuf (Debian: python3-grpcio,
python3-protobuf; hence /usr/bin/python3 above).
"""

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DEADLINE_SECONDS = 10.0
MAX_PAGES = 10000
STATUS_DETAILS_KEY = "grpc-status-details-bin"


def load_stubs(stubs_dir):
    """Puts the generated modules on sys.path and imports them."""
    if not stubs_dir:
        stubs_dir = tempfile.mkdtemp(prefix="parley-py-stubs-")
        atexit.register(shutil.rmtree, stubs_dir, ignore_errors=True)
        subprocess.run([os.path.join(HERE, "generate.sh"), stubs_dir], check=True)
    sys.path.insert(0, os.path.abspath(stubs_dir))
    # "google" is a namespace package: google.rpc (generated) and
    # google.protobuf (installed) are found in different directories.
    global grpc, lookup_pb2, lookup_grpc, resources_pb2, status_pb2, error_details_pb2
    try:
        import grpc
    except ImportError:
        sys.exit(f"parley_who.py: {sys.executable} has no grpc module: use Debian's "
                 "/usr/bin/python3 with python3-grpcio and python3-protobuf (scripts/setup.sh)")
    from google.rpc import error_details_pb2, status_pb2
    from parley.v1 import lookup_service_pb2 as lookup_pb2
    from parley.v1 import lookup_service_pb2_grpc as lookup_grpc
    from parley.v1 import resources_pb2


def decode_error(err):
    """A dict describing a grpc.RpcError, with the AIP-193 details decoded."""
    out = {"code": err.code().name, "message": err.details() or ""}
    raw = None
    for key, value in err.trailing_metadata() or ():
        if key == STATUS_DETAILS_KEY:
            raw = value
    if raw is None:
        return out
    status = status_pb2.Status.FromString(raw)
    for any_detail in status.details:
        if any_detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            any_detail.Unpack(info)
            out["reason"] = info.reason
            out["domain"] = info.domain
            if info.metadata:
                out["metadata"] = dict(info.metadata)
        elif any_detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            any_detail.Unpack(bad)
            out.setdefault("field_violations", []).extend(
                {"field": v.field, "description": v.description} for v in bad.field_violations)
        else:
            out.setdefault("other_details", []).append(any_detail.type_url)
    return out


def print_error(error, as_json):
    if as_json:
        print(json.dumps({"error": error}, ensure_ascii=False, indent=1))
        return
    print(f"error: {error['code']}: {error['message']}", file=sys.stderr)
    if "reason" in error:
        print(f"  reason: {error['reason']} (domain {error.get('domain', '')})", file=sys.stderr)
    for v in error.get("field_violations", []):
        print(f"  field {v['field']}: {v['description']}", file=sys.stderr)


def list_all_participations(stub, request, deadline):
    """Every row, following next_page_token; also the pages fetched and the
    index generations that answered (metadata "parley-index-generation")."""
    rows, pages, generations = [], 0, []
    seen_tokens = set()
    while True:
        response, call = stub.ListParticipations.with_call(request, timeout=deadline)
        pages += 1
        for key, value in call.initial_metadata() or ():
            if key == "parley-index-generation" and value not in generations:
                generations.append(value)
        rows.extend(response.participations)
        token = response.next_page_token
        if not token:
            return rows, pages, generations, response.total_size
        if token in seen_tokens or pages >= MAX_PAGES:
            raise RuntimeError(f"paging does not end (page {pages}, token repeated or too many)")
        seen_tokens.add(token)
        request.page_token = token


class Documents:
    """GetDocument, once per document: only the text is asked for."""

    def __init__(self, stub, deadline):
        self._stub, self._deadline, self._texts = stub, deadline, {}

    def text(self, document_id):
        if document_id not in self._texts:
            request = lookup_pb2.GetDocumentRequest(
                id=document_id, view=lookup_pb2.DOCUMENT_VIEW_FULL)
            request.read_mask.paths.append("text")
            self._texts[document_id] = self._stub.GetDocument(request, timeout=self._deadline).text
        return self._texts[document_id]


def check_evidence(evidence, documents):
    """The quote sliced from the document by code points, and whether it (and
    the byte-offset slice) equals evidence.quote."""
    text = documents.text(evidence.document_id)
    sliced = text[evidence.start_code_point:evidence.end_code_point]
    by_bytes = text.encode("utf-8")[evidence.start_offset:evidence.end_offset].decode(
        "utf-8", errors="replace")
    return {
        "document_id": evidence.document_id,
        "quote": evidence.quote,
        "sliced": sliced,
        "start_code_point": evidence.start_code_point,
        "end_code_point": evidence.end_code_point,
        "matches": sliced == evidence.quote and by_bytes == evidence.quote,
        "bytes_match": by_bytes == evidence.quote,
    }


def link_text(stub, text, deadline):
    """LinkMentions on text; each span sliced by code points and by bytes."""
    response = stub.LinkMentions(lookup_pb2.LinkMentionsRequest(text=text), timeout=deadline)
    data = text.encode("utf-8")
    spans = []
    for s in response.spans:
        sliced = text[s.start_code_point:s.end_code_point]
        by_bytes = data[s.start_offset:s.end_offset].decode("utf-8", errors="replace")
        spans.append({
            "surface": s.surface,
            "sliced": sliced,
            "linked": s.linked,
            "entity_id": s.candidates[0].entity.id if s.candidates else "",
            "start_offset": s.start_offset,
            "start_code_point": s.start_code_point,
            "start_utf16": s.start_utf16,
            "matches": sliced == s.surface and by_bytes == s.surface,
        })
    return spans


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, help="HOST:PORT of parley-server")
    parser.add_argument("--topic", action="append", default=[],
                        help="topic id (repeatable or comma-separated); 'cyber' includes sub-topics")
    parser.add_argument("--from", dest="from_date", default="", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--to", dest="to_date", default="", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--page-size", type=int, default=0, help="rows per page (0 = server default)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_SECONDS,
                        help="seconds allowed for each call")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--link-text", default=None,
                        help="link the mentions in this text instead (LinkMentions)")
    parser.add_argument("--stubs", default=os.environ.get("PARLEY_PYTHON_STUBS", ""),
                        help="directory generated by generate.sh (default: generate now)")
    args = parser.parse_args(argv)
    load_stubs(args.stubs)

    request = lookup_pb2.ListParticipationsRequest(page_size=args.page_size)
    request.filter.topics.extend(t.strip() for a in args.topic for t in a.split(",") if t.strip())
    request.filter.from_date = args.from_date
    request.filter.to_date = args.to_date

    with grpc.insecure_channel(args.server) as channel:
        stub = lookup_grpc.LookupServiceStub(channel)
        documents = Documents(stub, args.deadline)
        if args.link_text is not None:
            try:
                spans = link_text(stub, args.link_text, args.deadline)
            except grpc.RpcError as err:
                print_error(decode_error(err), args.json)
                return 1
            mismatches = sum(not s["matches"] for s in spans)
            if args.json:
                print(json.dumps({"spans": spans, "mismatches": mismatches},
                                 ensure_ascii=False, indent=1))
            else:
                for s in spans:
                    mark = "" if s["matches"] else f"  [MISMATCH: offsets give {s['sliced']!r}]"
                    print(f"{s['start_code_point']}: {s['sliced']} -> {s['entity_id'] or '?'}{mark}")
            return 3 if mismatches else 0
        try:
            rows, pages, generations, total_size = list_all_participations(
                stub, request, args.deadline)
            out_rows, mismatches = [], 0
            for p in rows:
                quotes = [check_evidence(e, documents) for e in p.evidence if e.document_id]
                mismatches += sum(not q["matches"] for q in quotes)
                out_rows.append({
                    "person_id": p.person.id,
                    "person": p.person.name,
                    "event_id": p.event_id,
                    "event_title": p.event_title,
                    "event_date": p.event_date.display,
                    "function": resources_pb2.ParticipantFunction.Name(p.function),
                    "title": p.title,
                    "quotes": quotes,
                })
        except grpc.RpcError as err:
            print_error(decode_error(err), args.json)
            return 1

    if args.json:
        print(json.dumps({
            "rows": out_rows,
            "pages": pages,
            "total_size": total_size,
            "index_generations": generations,
            "quote_mismatches": mismatches,
        }, ensure_ascii=False, indent=1))
    else:
        for r in out_rows:
            function = r["function"].removeprefix("PARTICIPANT_FUNCTION_").lower()
            print(f"{r['person']} — {r['event_title']} ({r['event_date']}) — {function}")
            for q in r["quotes"]:
                mark = "" if q["matches"] else "  [MISMATCH: offsets give " + repr(q["sliced"]) + "]"
                print(f"    “{q['sliced']}” [{q['document_id']}]{mark}")
        print(f"{len(out_rows)} row(s) in {pages} page(s); {mismatches} quote mismatch(es)")
    if mismatches:
        print(f"error: {mismatches} quote(s) differ from the text at their offsets", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
