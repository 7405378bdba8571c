// The store's schema as numbered migrations, applied in order, each once
// (table parley_schema_migrations records them). Append new ones; never
// edit one that has shipped.
#ifndef PARLEY_SERVICE_STORE_MIGRATIONS_H_
#define PARLEY_SERVICE_STORE_MIGRATIONS_H_

#include <vector>

namespace parley {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

const std::vector<Migration>& StoreMigrations();

}  // namespace parley

#endif  // PARLEY_SERVICE_STORE_MIGRATIONS_H_
