// A small RAII layer over the SQLite C API, used by the SQLite repositories and the migrator.
//
// What: `Connection` owns one sqlite3 handle and a cache of prepared `Statement`s; `Transaction`
// is a BEGIN ... COMMIT scope that rolls back unless committed; `Database` owns one writer
// connection and a pool of reader connections for one file and runs callbacks inside a
// transaction. `ToStatus` is the only function that turns an SQLite result code into a Status,
// so nothing above storage/ ever sees a sqlite3 type or an SQLITE_* code.
//
// Lifecycle: `Database::Open` (or `Connection::Open`) opens and configures the connections (WAL,
// synchronous=FULL, foreign keys, busy timeout); the migrator runs on `writer_unlocked()` at
// start-up; afterwards every access goes through `Database::Write` / `Database::Read`. A
// `Statement*` from `Connection::Prepare` lives as long as its connection. Destroy a Database
// only when no Read/Write is in flight.
//
// Thread-safety: `Statement`, `Connection` and `Transaction` are NOT thread-safe: one thread at
// a time (the handles are opened with SQLITE_OPEN_NOMUTEX because we serialize ourselves).
// `Database` is thread-safe: writers are serialized by an in-process mutex, readers each take a
// connection from the pool. Other processes are handled by SQLite's file locks and busy_timeout.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "accrue/base/status.h"

// Forward declarations keep <sqlite3.h> out of every file that includes this header.
struct sqlite3;
struct sqlite3_stmt;

namespace accrue::sqlite {

struct OpenOptions {
  std::string path;                // file path, or ":memory:" for tests
  bool synchronous_full = true;    // money data: FULL by default; NORMAL only if asked
  int busy_timeout_ms = 5000;      // how long to wait for another process's lock
  bool read_only = false;          // SQLITE_OPEN_READONLY; Database::Write then fails
  int64_t cache_size_kib = 65536;  // PRAGMA cache_size = -N (per connection)
  int64_t mmap_size_bytes = 0;     // PRAGMA mmap_size; 0 = off
  // PRAGMA page_size of a database file created by this open (an existing file keeps its own).
  // 16 KiB: wide invoice rows and keys that start with a 16-byte tenant id fit more per page,
  // trees are shallower, and a billing run measured 15 % faster than with 4 KiB pages
  // (docs/benchmarks.md). A power of two from 512 to 65536.
  int page_size_bytes = 16384;
};

// Named limits.
// Distinct SQL texts one connection caches. The cache never evicts (callers hold Statement*),
// so a query built at run time (e.g. an IN list of variable length) must use PrepareUncached;
// going past this limit means someone did not, and Prepare returns "storage.statement_cache_full".
inline constexpr size_t kMaxCachedStatements = 1024;
// Reader connections one Database may pool.
inline constexpr int kMaxReaderConnections = 64;
// Attempts of a whole Write/Read transaction when SQLite reports "storage.busy" (another process
// held the lock past busy_timeout). Each attempt already waited busy_timeout_ms.
inline constexpr int kMaxTransactionAttempts = 3;

// Maps an SQLite result code (+ extended code + message) to a Status. The ONLY place that does so.
//   SQLITE_BUSY / SQLITE_LOCKED                    -> Unavailable       "storage.busy"
//   SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY         -> AlreadyExists     "storage.unique_violation"
//   other SQLITE_CONSTRAINT_* (NOT NULL, CHECK, FK) -> Internal          "storage.constraint"
//   SQLITE_FULL                                    -> ResourceExhausted "storage.disk_full"
//   SQLITE_CORRUPT / SQLITE_NOTADB                 -> DataLoss          "storage.corrupt"
//   anything else                                  -> Internal          "storage.error"
// `rc` may be a primary or an extended code; when `db` is given and its last error has the same
// primary code, its extended code and sqlite3_errmsg are used. `db` may be null. `rc` must be an
// error (not SQLITE_OK / ROW / DONE).
Status ToStatus(int rc, sqlite3* db);

// A prepared statement. Move-only; owned by a Connection's cache (Prepare) or by the caller
// (PrepareUncached). Column accessors may be called only after Step() returned true, with a
// column index in range (checked: a violation is a bug and aborts).
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based, like SQLite. Text and blobs are copied, so the arguments need not
  // outlive the call: into a buffer this statement keeps per parameter (and hands SQLite as
  // SQLITE_STATIC), so that rebinding the same statement row after row allocates nothing; a
  // value over kMaxRetainedBindBytes is copied by SQLite instead (SQLITE_TRANSIENT), so one
  // large document does not stay pinned in a cached statement. An empty string binds '' (not NULL); an empty blob
  // binds a zero-length blob. A failed bind (index out of range, bind while a row is pending)
  // is remembered and returned by the next Step()/Run().
  Statement& Bind(int index, int64_t v);
  Statement& Bind(int index, int v);
  Statement& Bind(int index, std::string_view text);       // TEXT
  Statement& Bind(int index, const std::string& text);     // TEXT (else ambiguous with optional)
  Statement& Bind(int index, const char* text);            // TEXT; nullptr binds NULL
  Statement& BindBlob(int index, std::string_view bytes);  // BLOB (e.g. 16-byte UUIDs)
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<std::string>& text);  // NULL if disengaged
  Statement& Bind(int index, std::optional<int64_t> v);                // NULL if disengaged
  // There is deliberately no double overload: money is never a double (bind minor units).

  // Steps once. Returns true if a row is available, false when done. On an error the statement
  // is reset (bindings kept) so it holds no locks.
  Result<bool> Step();
  // Runs to completion, ignoring rows (INSERT/UPDATE/DELETE). Then Reset()s, which also clears
  // the bindings, so every Run binds all its parameters afresh.
  Status Run();
  // Rows changed by the last completed INSERT/UPDATE/DELETE on this statement's connection.
  int64_t Changes() const;
  // sqlite3_reset + clear bindings; called automatically when a cached statement is fetched
  // again. (When a Transaction ends, statements still mid-iteration are reset, bindings kept.)
  void Reset();

  // Conversions follow SQLite: a NULL reads as 0 / "" / empty; use the Optional accessors for
  // nullable columns (and STRICT tables so a column holds the type it declares).
  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  std::string_view ColumnTextView(int col) const;  // valid until next Step/Reset
  std::string_view ColumnBlob(int col) const;      // valid until next Step/Reset
  bool ColumnIsNull(int col) const;
  std::optional<std::string> ColumnOptionalText(int col) const;
  std::optional<int64_t> ColumnOptionalInt(int col) const;

 private:
  friend class Connection;
  explicit Statement(sqlite3_stmt* stmt);
  void RecordBind(int rc);
  void CheckColumn(int col) const;
  // Text or blob bound through this statement's own buffer for `index` when it has one.
  Statement& BindBytes(int index, std::string_view bytes, bool text);

  sqlite3_stmt* stmt_ = nullptr;
  Status bind_status_;    // first failed bind since the last Reset
  bool has_row_ = false;  // Step() returned true and nothing reset the statement since
  bool touched_ = false;  // bound or stepped since the last Reset (else Reset has nothing to do)
  // bound_[i] holds the bytes of parameter i + 1 while SQLite points at them. Sized once, at
  // preparation; a move keeps the strings where they are (the vector hands over its array).
  std::vector<std::string> bound_;
};

// Bound text or blobs longer than this are copied by SQLite rather than kept by the statement.
inline constexpr size_t kMaxRetainedBindBytes = 4096;

// One SQLite connection. NOT thread-safe: one thread at a time. Move-only.
class Connection {
 public:
  // Opens and configures: journal_mode=WAL (except in-memory and read-only), synchronous
  // FULL/NORMAL, foreign_keys=ON, busy_timeout, cache_size, temp_store=MEMORY, mmap_size.
  static Result<std::unique_ptr<Connection>> Open(const OpenOptions& options);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One or more statements, no results (sqlite3_exec).
  Status Exec(std::string_view sql);
  // Returns a cached prepared statement for this exact SQL text (prepared once, with
  // SQLITE_PREPARE_PERSISTENT), already reset. The pointer is valid until the connection closes.
  // Fetching a statement resets it, so do not fetch the same SQL while iterating it. Exactly one
  // SQL statement per text; prepare errors are a Status.
  Result<Statement*> Prepare(std::string_view sql);
  // A statement the caller owns, not cached: for SQL built at run time. Destroy it before the
  // connection, or at least do not use it afterwards.
  Result<Statement> PrepareUncached(std::string_view sql);
  int64_t LastInsertRowId() const;
  // True outside BEGIN ... COMMIT.
  bool InAutocommit() const;
  // Resets every statement of this connection that is mid-iteration, so none pins a read
  // snapshot or blocks COMMIT. Transaction calls it when it ends.
  void ResetActiveStatements();
  sqlite3* raw() { return db_; }  // for the migrator and tests only

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Status Configure(const OpenOptions& options);
  Result<sqlite3_stmt*> PrepareRaw(std::string_view sql, unsigned int flags);
  void Close();

  sqlite3* db_ = nullptr;
  // std::less<> lets Prepare look a std::string_view up without building a std::string.
  // Looked up by the SQL text on every Prepare: hashed, since many texts share long prefixes.
  absl::flat_hash_map<std::string, std::unique_ptr<Statement>> cache_;
};

// A transaction on one connection. BEGIN IMMEDIATE for writes (takes the write lock up front, so
// a writer never fails to upgrade a read lock half-way), BEGIN DEFERRED for reads (one snapshot
// for all statements). Rolls back in the destructor unless Commit() succeeded. Move-only; the
// connection must outlive it.
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  static Result<Transaction> Begin(Connection& connection, Kind kind);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On error the transaction is still open (or already rolled back by SQLite); the destructor
  // or Rollback() ends it.
  Status Commit();
  void Rollback();
  Connection& connection();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_ = nullptr;  // null once committed, rolled back or moved from
};

// Owns one writer connection and a small pool of reader connections for one database file.
// Writers are serialized by an in-process mutex (waiting on a mutex is cheaper and fairer than
// spinning on SQLITE_BUSY); other processes are handled by busy_timeout. Readers come from a pool
// (WAL lets them run alongside the writer) and are set to query_only. For an in-memory database
// (":memory:", or reader_count == 0) there is no pool: Read uses the writer connection under
// the writer mutex, because every ":memory:" connection would be a separate empty database.
// Thread-safe, but fn must not call back into the same Database (for an in-memory database
// that deadlocks; for a file, a nested Read would not see the enclosing Write's changes).
class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const OpenOptions& options, int reader_count = 4);
  ~Database();

  // Runs fn inside one write transaction (BEGIN IMMEDIATE ... COMMIT). If fn returns an error,
  // or throws, the transaction rolls back and the error is returned (an exception becomes
  // Internal "storage.callback_threw"). Retries the whole transaction up to
  // kMaxTransactionAttempts times on "storage.busy" from other processes, so fn may run more
  // than once: it must have no effects outside the connection until Write returns OK.
  Status Write(const std::function<Status(Connection&)>& fn);
  // Runs fn inside one read transaction (BEGIN DEFERRED ... COMMIT): all its statements see one
  // snapshot. Same error, exception and retry rules as Write.
  Status Read(const std::function<Status(Connection&)>& fn);
  // Writes and reads without the mutexes, for migrations at start-up (single-threaded).
  Connection& writer_unlocked() { return *writer_; }
  const std::string& path() const { return options_.path; }

 private:
  explicit Database(OpenOptions options) : options_(std::move(options)) {}
  Connection* AcquireReader();
  void ReleaseReader(Connection* reader);

  const OpenOptions options_;

  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;  // used under writer_mu_ (except writer_unlocked)

  std::vector<std::unique_ptr<Connection>> readers_;  // fixed after Open; empty if in-memory
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;        // signalled when a reader returns to idle_readers_
  std::vector<Connection*> idle_readers_;  // guarded by pool_mu_
};

}  // namespace accrue::sqlite
