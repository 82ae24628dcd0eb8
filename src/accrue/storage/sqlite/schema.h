// The SQLite schema of Accrue, as an ordered list of migrations applied at start-up.
// Append new migrations; never edit one that has shipped.
//
// Conventions: every table's key starts with tenant_id, so every query is a range scan inside
// one tenant and nothing can be read across tenants by accident; ids are 16-byte UUIDv7 BLOBs
// (time-ordered: inserts append); instants are INTEGER microseconds since the Unix epoch (`_us`);
// civil dates are TEXT 'YYYY-MM-DD'; amounts are INTEGER minor units (`_minor`); exact decimals
// (unit prices, quantities) are TEXT; lists and maps are JSON arrays of strings (codec.h).
#pragma once

#include <span>

#include "accrue/storage/sqlite/sqlite_migrator.h"

namespace accrue::sqlite {

std::span<const Migration> AccrueMigrations();

}  // namespace accrue::sqlite
