#include "service/store/migrations.h"

namespace parley {

const std::vector<Migration>& StoreMigrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, "corpus files, version and change feed", R"sql(
-- One row: the corpus version (one more per committed write), the content
-- hash of the corpus at that version, and where the change feed starts.
CREATE TABLE parley_corpus (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL,
  content_sha256 text NOT NULL DEFAULT '',
  feed_start bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO parley_corpus (version) VALUES (0);

-- The corpus as files (articles/, kb/, lexicons/), as a directory has them.
CREATE TABLE parley_file (
  path text PRIMARY KEY CHECK (path ~ '^(articles|kb|lexicons)/[^/]+$'),
  contents text NOT NULL,
  version bigint NOT NULL
);

-- What each version added, changed or removed (parley.v1.Change).
CREATE TABLE parley_change (
  version bigint NOT NULL,
  seq integer NOT NULL,
  kind smallint NOT NULL,
  id text NOT NULL,
  type smallint NOT NULL,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (version, seq)
);
)sql"},
  };
  return *migrations;
}

}  // namespace parley
