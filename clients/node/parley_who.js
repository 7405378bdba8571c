#!/usr/bin/env node
// Who took part in what: Parley's headline question from Node.js.
//
//   node parley_who.js --server HOST:PORT --topic cyber --from 2011 --to 2011 \
//       [--page-size N] [--json] [--deadline SECONDS]
//   node parley_who.js --server HOST:PORT --link-text TEXT [--json]
//
// Calls parley.v1.LookupService/ListParticipations (filter topics,
// from_date, to_date), follows next_page_token through every page, and
// prints one row per (person, event): the person, the event's title and
// date, the function, and each evidence quote, sliced here from the document
// text (GetDocument, once per document) with text.slice(start_utf16,
// end_utf16): JavaScript strings index UTF-16 code units. The slice must
// equal Evidence.quote.
//
// On an RPC error it prints the status code and message, and the ErrorInfo
// reason and BadRequest field violations decoded from trailing metadata
// grpc-status-details-bin (AIP-193); then exits 1.
//
// --json prints one JSON object instead (rows, pages, quote mismatches; or
// "error"), for scripts and tests.
//
// --link-text TEXT instead calls LinkMentions on TEXT and checks that
// TEXT.slice(start_utf16, end_utf16) (and the byte-offset slice) of every
// span equals its surface: text with characters outside the BMP (emoji)
// makes bytes, code points and UTF-16 units all differ.
//
// Exit status: 0 ok; 1 RPC error; 2 usage; 3 a quote does not match its offsets.
'use strict';

const { loadParley, decodeError } = require('./parley');

const DEFAULT_DEADLINE_SECONDS = 10;
const MAX_PAGES = 10000;

function usage(message) {
  if (message) process.stderr.write(`parley_who.js: ${message}\n`);
  process.stderr.write('usage: parley_who.js --server HOST:PORT [--topic T]... [--from DATE] ' +
                       '[--to DATE] [--page-size N] [--deadline SECONDS] [--json] ' +
                       '[--link-text TEXT]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { server: '', topics: [], from: '', to: '', pageSize: 0,
                 deadline: DEFAULT_DEADLINE_SECONDS, json: false, linkText: null };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s);
    const takeValue = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--server': args.server = takeValue(); break;
      case '--topic':
        args.topics.push(...takeValue().split(',').map((t) => t.trim()).filter(Boolean));
        break;
      case '--from': args.from = takeValue(); break;
      case '--to': args.to = takeValue(); break;
      case '--page-size': args.pageSize = Number.parseInt(takeValue(), 10); break;
      case '--deadline': args.deadline = Number.parseFloat(takeValue()); break;
      case '--json': args.json = true; break;
      case '--link-text': args.linkText = takeValue(); break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!args.server) usage('--server is required');
  if (!Number.isInteger(args.pageSize)) usage('--page-size takes an integer');
  if (!(args.deadline > 0)) usage('--deadline takes a positive number of seconds');
  return args;
}

// A unary call as a promise of { response, metadata } (initial metadata),
// with a deadline of its own.
function call(client, method, request, deadlineSeconds) {
  return new Promise((resolve, reject) => {
    let metadata = null;
    const deadline = new Date(Date.now() + deadlineSeconds * 1000);
    const c = client[method](request, { deadline }, (err, response) => {
      if (err) reject(err);
      else resolve({ response, metadata });
    });
    c.on('metadata', (md) => { metadata = md; });
  });
}

async function listAllParticipations(client, request, deadline) {
  const rows = [];
  const generations = [];
  const seen = new Set();
  let pages = 0;
  for (;;) {
    const { response, metadata } = await call(client, 'ListParticipations', request, deadline);
    pages++;
    for (const g of metadata ? metadata.get('parley-index-generation') : []) {
      if (!generations.includes(String(g))) generations.push(String(g));
    }
    rows.push(...response.participations);
    const token = response.next_page_token;
    if (!token) return { rows, pages, generations, totalSize: response.total_size };
    if (seen.has(token) || pages >= MAX_PAGES) {
      throw new Error(`paging does not end (page ${pages}, token repeated or too many)`);
    }
    seen.add(token);
    // A page token is valid only with the same request fields: change nothing else.
    request = { ...request, page_token: token };
  }
}

// LinkMentions on text; each span sliced by UTF-16 units and by bytes.
async function linkText(client, text, deadline) {
  const { response } = await call(client, 'LinkMentions', { text }, deadline);
  const data = Buffer.from(text, 'utf8');
  return response.spans.map((s) => {
    const sliced = text.slice(s.start_utf16, s.end_utf16);
    const bytes = data.subarray(s.start_offset, s.end_offset).toString('utf8');
    return {
      surface: s.surface,
      sliced,
      linked: s.linked,
      entity_id: s.candidates.length ? s.candidates[0].entity.id : '',
      start_offset: s.start_offset,
      start_code_point: s.start_code_point,
      start_utf16: s.start_utf16,
      matches: sliced === s.surface && bytes === s.surface,
    };
  });
}

function printError(err, asJson) {
  const error = decodeError(err);
  if (asJson) {
    console.log(JSON.stringify({ error }, null, 1));
    return;
  }
  console.error(`error: ${error.code}: ${error.message}`);
  if (error.reason) console.error(`  reason: ${error.reason} (domain ${error.domain || ''})`);
  for (const v of error.field_violations || []) {
    console.error(`  field ${v.field}: ${v.description}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const parley = loadParley();
  const client = parley.newClient(args.server);
  if (args.linkText !== null) {
    let spans;
    try {
      spans = await linkText(client, args.linkText, args.deadline);
    } catch (err) {
      if (err.code === undefined) throw err;
      printError(err, args.json);
      return 1;
    } finally {
      client.close();
    }
    const mismatches = spans.filter((s) => !s.matches).length;
    if (args.json) {
      console.log(JSON.stringify({ spans, mismatches }, null, 1));
    } else {
      for (const s of spans) {
        const mark = s.matches ? '' : `  [MISMATCH: offsets give ${JSON.stringify(s.sliced)}]`;
        console.log(`${s.start_utf16}: ${s.sliced} -> ${s.entity_id || '?'}${mark}`);
      }
    }
    return mismatches ? 3 : 0;
  }
  // snake_case keys: the loader keeps the proto's field names (keepCase).
  const request = {
    filter: { topics: args.topics, from_date: args.from, to_date: args.to },
    page_size: args.pageSize,
  };
  const texts = new Map();  // document id -> Promise of its text
  const documentText = (id) => {
    if (!texts.has(id)) {
      texts.set(id, call(client, 'GetDocument',
                         { id, view: 'DOCUMENT_VIEW_FULL', read_mask: { paths: ['text'] } },
                         args.deadline).then(({ response }) => response.text));
    }
    return texts.get(id);
  };

  let result;
  const outRows = [];
  let mismatches = 0;
  try {
    result = await listAllParticipations(client, request, args.deadline);
    for (const p of result.rows) {
      const quotes = [];
      for (const e of p.evidence) {
        if (!e.document_id) continue;  // external_source evidence: no text to slice
        const text = await documentText(e.document_id);
        const sliced = text.slice(e.start_utf16, e.end_utf16);
        const bytes = Buffer.from(text, 'utf8')
          .subarray(e.start_offset, e.end_offset).toString('utf8');
        const matches = sliced === e.quote && bytes === e.quote;
        if (!matches) mismatches++;
        quotes.push({ document_id: e.document_id, quote: e.quote, sliced,
                      start_utf16: e.start_utf16, end_utf16: e.end_utf16,
                      matches, bytes_match: bytes === e.quote });
      }
      outRows.push({
        person_id: p.person.id,
        person: p.person.name,
        event_id: p.event_id,
        event_title: p.event_title,
        event_date: p.event_date ? p.event_date.display : '',
        function: p.function,
        title: p.title,
        quotes,
      });
    }
  } catch (err) {
    if (err.code === undefined) throw err;
    printError(err, args.json);
    client.close();
    return 1;
  }
  client.close();

  if (args.json) {
    console.log(JSON.stringify({
      rows: outRows,
      pages: result.pages,
      total_size: result.totalSize,
      index_generations: result.generations,
      quote_mismatches: mismatches,
    }, null, 1));
  } else {
    for (const r of outRows) {
      const fn = r.function.replace(/^PARTICIPANT_FUNCTION_/, '').toLowerCase();
      console.log(`${r.person} — ${r.event_title} (${r.event_date}) — ${fn}`);
      for (const q of r.quotes) {
        const mark = q.matches ? '' : `  [MISMATCH: offsets give ${JSON.stringify(q.sliced)}]`;
        console.log(`    “${q.sliced}” [${q.document_id}]${mark}`);
      }
    }
    console.log(`${outRows.length} row(s) in ${result.pages} page(s); ` +
                `${mismatches} quote mismatch(es)`);
  }
  if (mismatches) {
    console.error(`error: ${mismatches} quote(s) differ from the text at their offsets`);
    return 3;
  }
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`parley_who.js: ${err.stack || err}`);
  process.exitCode = 1;
});
