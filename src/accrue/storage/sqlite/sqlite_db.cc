#include "accrue/storage/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <climits>
#include <exception>
#include <thread>
#include <utility>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

// sqlite3_changes64 (3.37), SQLITE_PREPARE_PERSISTENT (3.20), STRICT tables (3.37).
static_assert(SQLITE_VERSION_NUMBER >= 3037000, "Accrue needs SQLite 3.37 or newer");

namespace accrue::sqlite {
namespace {

// SQLITE_TRANSIENT is a macro with an old-style cast; spell it once, here.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));

// The bytes stay where they are until the parameter is bound again (Statement::bound_).
const sqlite3_destructor_type kStatic = nullptr;  // SQLITE_STATIC

// A non-null pointer for empty text/blobs: SQLite binds NULL when handed a null pointer.
constexpr char kEmpty[] = "";

// Pause between whole-transaction attempts after "storage.busy", times the attempt number.
constexpr auto kRetryBackoff = std::chrono::milliseconds(20);

bool IsInMemory(const std::string& path) {
  return path.empty() || path == ":memory:" ||
         (path.starts_with("file:") && path.find("mode=memory") != std::string::npos);
}

// Statement text in error messages is cut here so a huge generated statement cannot flood logs.
std::string_view Abbreviate(std::string_view sql) {
  constexpr size_t kMaxSqlInMessage = 200;
  return sql.substr(0, kMaxSqlInMessage);
}

Status WithContext(const Status& status, std::string_view context) {
  if (status.ok()) return status;
  return MakeError(status.code(), ErrorReason(status),
                   fmt::format("{}: {}", context, AsStd(status.message())));
}

Status CheckThreadSafeBuild() {
  // SQLITE_OPEN_NOMUTEX needs a library built with SQLITE_THREADSAFE=1 or 2; a =0 build has no
  // locking at all and must never be shared between threads, even serialized by us.
  static const bool thread_safe = [] {
    // Memory statistics take a global mutex on every allocation (~5% of a billing run's
    // instructions); we never read them. Only possible before the library initializes, so a
    // process that already used SQLite elsewhere keeps the default (the call then fails, harmlessly).
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_threadsafe() != 0;
  }();
  if (thread_safe) return OkStatus();
  return InternalError("storage.sqlite_not_threadsafe",
                       "the SQLite library was built with SQLITE_THREADSAFE=0");
}

bool IsBusy(const Status& status) { return ErrorReason(status) == "storage.busy"; }

// Runs fn in a transaction of `kind` on `connection`; the parent decides locking and retries.
Status RunInTransaction(Connection& connection, Transaction::Kind kind,
                        const std::function<Status(Connection&)>& fn) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(connection, kind));
  Status status;
  try {
    status = fn(tx.connection());
  } catch (const std::exception& e) {
    status = InternalError("storage.callback_threw",
                           fmt::format("exception in a storage transaction: {}", e.what()));
  } catch (...) {
    status = InternalError("storage.callback_threw", "unknown exception in a storage transaction");
  }
  if (!status.ok()) return status;  // ~Transaction rolls back
  return tx.Commit();
}

template <typename Attempt>
Status WithBusyRetries(const Attempt& attempt) {
  Status status;
  for (int i = 1; i <= kMaxTransactionAttempts; ++i) {
    status = attempt();
    if (!IsBusy(status)) return status;
    if (i < kMaxTransactionAttempts) std::this_thread::sleep_for(kRetryBackoff * i);
  }
  return status;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ToStatus

Status ToStatus(int rc, sqlite3* db) {
  ACCRUE_CHECK(rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE,
               "ToStatus called with a success code");
  int code = rc;
  std::string detail = sqlite3_errstr(rc);
  if (db != nullptr) {
    // Use the connection's code and message only when they describe this error: rc may be the
    // primary code of the connection's last (extended) error, or exactly that extended code.
    const int last = sqlite3_extended_errcode(db);
    if (rc > 0xff ? last == rc : (last & 0xff) == rc) {
      code = last;
      detail = sqlite3_errmsg(db);
    }
  }
  const std::string message = fmt::format("sqlite: {} (code {})", detail, code);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable("storage.busy", message);
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Conflict("storage.unique_violation", message);
      }
      return InternalError("storage.constraint", message);
    case SQLITE_FULL:
      return LimitExceeded("storage.disk_full", message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt", message);
    default:
      return InternalError("storage.error", message);
  }
}

// ---------------------------------------------------------------------------------------------
// Statement

Statement::Statement(sqlite3_stmt* stmt)
    : stmt_(stmt), bound_(static_cast<size_t>(sqlite3_bind_parameter_count(stmt))) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      bind_status_(std::exchange(other.bind_status_, OkStatus())),
      has_row_(std::exchange(other.has_row_, false)),
      touched_(std::exchange(other.touched_, false)),
      bound_(std::move(other.bound_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_status_ = std::exchange(other.bind_status_, OkStatus());
    has_row_ = std::exchange(other.has_row_, false);
    touched_ = std::exchange(other.touched_, false);
    bound_ = std::move(other.bound_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }  // a no-op on nullptr

void Statement::RecordBind(int rc) {
  if (rc == SQLITE_OK || !bind_status_.ok()) return;
  bind_status_ = WithContext(ToStatus(rc, sqlite3_db_handle(stmt_)),
                             fmt::format("bind in \"{}\"", Abbreviate(sqlite3_sql(stmt_))));
}

Statement& Statement::Bind(int index, int64_t v) {
  touched_ = true;
  RecordBind(sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(v)));
  return *this;
}

Statement& Statement::Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }

Statement& Statement::BindBytes(int index, std::string_view bytes, bool text) {
  touched_ = true;
  const char* data = bytes.empty() ? kEmpty : bytes.data();
  sqlite3_destructor_type lifetime = kTransient;
  if (index >= 1 && static_cast<size_t>(index) <= bound_.size() && !bytes.empty() &&
      bytes.size() <= kMaxRetainedBindBytes && sqlite3_stmt_busy(stmt_) == 0) {
    // (A running statement may still read the old bytes; binding it fails anyway, below.)
    std::string& buffer = bound_[static_cast<size_t>(index) - 1];
    buffer.assign(bytes);  // SQLite reads the old bytes no more: this parameter is rebound now
    data = buffer.data();
    lifetime = kStatic;
  }
  const auto size = static_cast<sqlite3_uint64>(bytes.size());
  RecordBind(text ? sqlite3_bind_text64(stmt_, index, data, size, lifetime, SQLITE_UTF8)
                  : sqlite3_bind_blob64(stmt_, index, data, size, lifetime));
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  return BindBytes(index, text, /*text=*/true);
}

Statement& Statement::Bind(int index, const std::string& text) {
  return Bind(index, std::string_view(text));
}

Statement& Statement::Bind(int index, const char* text) {
  if (text == nullptr) return BindNull(index);
  return Bind(index, std::string_view(text));
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  return BindBytes(index, bytes, /*text=*/false);
}

Statement& Statement::BindNull(int index) {
  touched_ = true;
  RecordBind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::string>& text) {
  if (!text.has_value()) return BindNull(index);
  return Bind(index, std::string_view(*text));
}

Statement& Statement::Bind(int index, std::optional<int64_t> v) {
  if (!v.has_value()) return BindNull(index);
  return Bind(index, *v);
}

Result<bool> Statement::Step() {
  touched_ = true;
  has_row_ = false;
  if (!bind_status_.ok()) return bind_status_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    has_row_ = true;
    return true;
  }
  if (rc == SQLITE_DONE) return false;
  Status status = WithContext(ToStatus(rc, sqlite3_db_handle(stmt_)),
                              fmt::format("step \"{}\"", Abbreviate(sqlite3_sql(stmt_))));
  sqlite3_reset(stmt_);  // returns rc again; the statement must not keep its locks
  return status;
}

Status Statement::Run() {
  Status status;
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) {
      status = row.status();
      break;
    }
    if (!*row) break;
  }
  Reset();
  return status;
}

int64_t Statement::Changes() const {
  return static_cast<int64_t>(sqlite3_changes64(sqlite3_db_handle(stmt_)));
}

void Statement::Reset() {
  // Run() resets, and Prepare resets again on the next fetch: the second one is free.
  if (!touched_) return;
  touched_ = false;
  // sqlite3_reset repeats the error of the last step, which Step() already reported.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = OkStatus();
  has_row_ = false;
}

void Statement::CheckColumn(int col) const {
  ACCRUE_CHECK(has_row_, "column read without a row: Step() did not return true");
  ACCRUE_CHECK(col >= 0 && col < sqlite3_column_count(stmt_), "column index out of range");
}

int64_t Statement::ColumnInt(int col) const {
  CheckColumn(col);
  return static_cast<int64_t>(sqlite3_column_int64(stmt_, col));
}

std::string Statement::ColumnText(int col) const { return std::string(ColumnTextView(col)); }

std::string_view Statement::ColumnTextView(int col) const {
  CheckColumn(col);
  // Text first, then bytes: sqlite3_column_bytes reports the size of the converted value.
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(size)};
}

std::string_view Statement::ColumnBlob(int col) const {
  CheckColumn(col);
  const void* blob = sqlite3_column_blob(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (blob == nullptr) return {};
  return {static_cast<const char*>(blob), static_cast<size_t>(size)};
}

bool Statement::ColumnIsNull(int col) const {
  CheckColumn(col);
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::optional<std::string> Statement::ColumnOptionalText(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnText(col);
}

std::optional<int64_t> Statement::ColumnOptionalInt(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnInt(col);
}

// ---------------------------------------------------------------------------------------------
// Connection

Result<std::unique_ptr<Connection>> Connection::Open(const OpenOptions& options) {
  RETURN_IF_ERROR(CheckThreadSafeBuild());
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  // sqlite3_open_v2 allocates a handle even on failure (for the message); the Connection closes it.
  auto connection = std::unique_ptr<Connection>(new Connection(db));
  if (rc != SQLITE_OK) {
    return WithContext(ToStatus(rc, db), fmt::format("open \"{}\"", options.path));
  }
  RETURN_IF_ERROR(
      WithContext(connection->Configure(options), fmt::format("configure \"{}\"", options.path)));
  return connection;
}

Status Connection::Configure(const OpenOptions& options) {
  if (options.busy_timeout_ms < 0 || options.cache_size_kib < 0 || options.mmap_size_bytes < 0) {
    return InvalidArgument("options", "storage.bad_options",
                           "busy_timeout_ms, cache_size_kib and mmap_size_bytes must be >= 0");
  }
  const int page = options.page_size_bytes;
  if (page < 512 || page > 65536 || (page & (page - 1)) != 0) {
    return InvalidArgument("options", "storage.bad_options",
                           "page_size_bytes must be a power of two from 512 to 65536");
  }
  // busy_timeout first, so the journal_mode change below waits for other processes' locks.
  RETURN_IF_ERROR(Exec(fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout_ms)));
  // Before WAL mode: a WAL database cannot change its page size. On an existing file this is a
  // no-op.
  if (!options.read_only) RETURN_IF_ERROR(Exec(fmt::format("PRAGMA page_size = {}", page)));
  if (!options.read_only && !IsInMemory(options.path)) {
    ASSIGN_OR_RETURN(Statement wal, PrepareUncached("PRAGMA journal_mode = WAL"));
    ASSIGN_OR_RETURN(bool row, wal.Step());
    const std::string mode = row ? wal.ColumnText(0) : std::string();
    if (mode != "wal") {
      // E.g. on a file system without shared memory; readers would then block the writer.
      return InternalError("storage.wal_unavailable",
                           fmt::format("journal_mode is '{}', not 'wal'", mode));
    }
  }
  RETURN_IF_ERROR(
      Exec(fmt::format("PRAGMA synchronous = {}", options.synchronous_full ? "FULL" : "NORMAL")));
  RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON"));
  RETURN_IF_ERROR(Exec(fmt::format("PRAGMA cache_size = -{}", options.cache_size_kib)));
  RETURN_IF_ERROR(Exec("PRAGMA temp_store = MEMORY"));
  RETURN_IF_ERROR(Exec(fmt::format("PRAGMA mmap_size = {}", options.mmap_size_bytes)));
  return OkStatus();
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Connection::~Connection() { Close(); }

void Connection::Close() {
  cache_.clear();  // finalize our statements before the handle goes
  // close_v2 defers the actual close until caller-owned statements are finalized too, and
  // rolls back an open transaction.
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status Connection::Exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a terminating NUL
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return OkStatus();
  return WithContext(ToStatus(rc, db_), fmt::format("exec \"{}\"", Abbreviate(sql)));
}

Result<sqlite3_stmt*> Connection::PrepareRaw(std::string_view sql, unsigned int flags) {
  if (sql.size() > static_cast<size_t>(INT_MAX)) {
    return InternalError("storage.error", "SQL text longer than 2 GiB");
  }
  const auto prepare = [this, flags](std::string_view text, sqlite3_stmt** stmt,
                                     const char** tail) {
    return sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()), flags, stmt, tail);
  };
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = prepare(sql, &stmt, &tail);
  if (rc != SQLITE_OK) {
    return WithContext(ToStatus(rc, db_), fmt::format("prepare \"{}\"", Abbreviate(sql)));
  }
  if (stmt == nullptr) {
    return InternalError("storage.error", "prepare of an empty SQL text");
  }
  // SQLite silently ignores what follows the first statement; a second statement is a bug.
  const std::string_view rest = sql.substr(static_cast<size_t>(tail - sql.data()));
  if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_stmt* extra = nullptr;
    rc = prepare(rest, &extra, nullptr);
    const bool only_comments = rc == SQLITE_OK && extra == nullptr;
    sqlite3_finalize(extra);
    if (!only_comments) {
      sqlite3_finalize(stmt);
      return InternalError("storage.error",
                           fmt::format("prepare takes one statement: \"{}\"", Abbreviate(sql)));
    }
  }
  return stmt;
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
  // (Debian's abseil has its own string_view type, hence the conversion.)
  if (auto it = cache_.find(absl::string_view(sql.data(), sql.size())); it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  if (cache_.size() >= kMaxCachedStatements) {
    return InternalError("storage.statement_cache_full",
                         fmt::format("more than {} distinct SQL texts; use PrepareUncached for "
                                     "SQL built at run time: \"{}\"",
                                     kMaxCachedStatements, Abbreviate(sql)));
  }
  ASSIGN_OR_RETURN(sqlite3_stmt * raw_stmt, PrepareRaw(sql, SQLITE_PREPARE_PERSISTENT));
  auto [it, inserted] =
      cache_.emplace(std::string(sql), std::unique_ptr<Statement>(new Statement(raw_stmt)));
  ACCRUE_CHECK(inserted, "statement cache insert of a text it did not hold");
  return it->second.get();
}

Result<Statement> Connection::PrepareUncached(std::string_view sql) {
  ASSIGN_OR_RETURN(sqlite3_stmt * raw_stmt, PrepareRaw(sql, 0));
  return Statement(raw_stmt);
}

int64_t Connection::LastInsertRowId() const {
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

bool Connection::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

void Connection::ResetActiveStatements() {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s != nullptr;
       s = sqlite3_next_stmt(db_, s)) {
    if (sqlite3_stmt_busy(s) != 0) sqlite3_reset(s);
  }
  // Keep the cached wrappers' row flags in step with their handles.
  for (auto& [sql, statement] : cache_) statement->has_row_ = false;
}

// ---------------------------------------------------------------------------------------------
// Transaction

Result<Transaction> Transaction::Begin(Connection& connection, Kind kind) {
  ASSIGN_OR_RETURN(Statement * begin,
                   connection.Prepare(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  RETURN_IF_ERROR(begin->Run());
  return Transaction(&connection);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    Rollback();
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Transaction::~Transaction() { Rollback(); }

Connection& Transaction::connection() {
  ACCRUE_CHECK(connection_ != nullptr, "use of an ended transaction");
  return *connection_;
}

Status Transaction::Commit() {
  ACCRUE_CHECK(connection_ != nullptr, "commit of an ended transaction");
  // A statement left mid-iteration would make COMMIT fail (a pending write) or, after it,
  // keep a read snapshot open.
  connection_->ResetActiveStatements();
  ASSIGN_OR_RETURN(Statement * commit, connection_->Prepare("COMMIT"));
  Status status = commit->Run();
  if (status.ok() || connection_->InAutocommit()) {
    // Committed, or SQLite already rolled the transaction back: either way it has ended.
    connection_ = nullptr;
  }
  return status;
}

void Transaction::Rollback() {
  if (connection_ == nullptr) return;
  Connection* connection = std::exchange(connection_, nullptr);
  connection->ResetActiveStatements();
  if (connection->InAutocommit()) return;  // SQLite already rolled back (e.g. after SQLITE_FULL)
  // Not through the statement cache: a rollback must work even when preparing fails.
  const int rc = sqlite3_exec(connection->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
  // With no statement pending, ROLLBACK always ends the transaction (I/O errors included: the
  // journal is then rolled back by the next reader). A connection left inside a transaction
  // would silently join the next caller's writes to this one, so that is fatal.
  ACCRUE_CHECK(rc == SQLITE_OK || connection->InAutocommit(), "ROLLBACK left a transaction open");
}

// ---------------------------------------------------------------------------------------------
// Database

Result<std::unique_ptr<Database>> Database::Open(const OpenOptions& options, int reader_count) {
  if (reader_count < 0 || reader_count > kMaxReaderConnections) {
    return InvalidArgument(
        "reader_count", "storage.bad_reader_count",
        fmt::format("reader_count must be 0..{}, not {}", kMaxReaderConnections, reader_count));
  }
  auto db = std::unique_ptr<Database>(new Database(options));
  // The writer first: it creates the file and switches it to WAL before readers attach.
  ASSIGN_OR_RETURN(db->writer_, Connection::Open(options));
  if (IsInMemory(options.path)) reader_count = 0;
  for (int i = 0; i < reader_count; ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, Connection::Open(options));
    // Read() callbacks cannot write by mistake.
    RETURN_IF_ERROR(reader->Exec("PRAGMA query_only = ON"));
    db->idle_readers_.push_back(reader.get());
    db->readers_.push_back(std::move(reader));
  }
  return db;
}

Database::~Database() {
  std::lock_guard<std::mutex> lock(pool_mu_);
  ACCRUE_CHECK(idle_readers_.size() == readers_.size(), "Database destroyed during a Read");
}

Status Database::Write(const std::function<Status(Connection&)>& fn) {
  if (options_.read_only) {
    return WrongState("storage.read_only", fmt::format("\"{}\" is open read-only", options_.path));
  }
  return WithBusyRetries([&] {
    std::lock_guard<std::mutex> lock(writer_mu_);
    return RunInTransaction(*writer_, Transaction::Kind::kWrite, fn);
  });
}

Status Database::Read(const std::function<Status(Connection&)>& fn) {
  if (readers_.empty()) {
    return WithBusyRetries([&] {
      std::lock_guard<std::mutex> lock(writer_mu_);
      return RunInTransaction(*writer_, Transaction::Kind::kRead, fn);
    });
  }
  return WithBusyRetries([&] {
    Connection* reader = AcquireReader();
    Status status = RunInTransaction(*reader, Transaction::Kind::kRead, fn);  // never throws
    ReleaseReader(reader);
    return status;
  });
}

Connection* Database::AcquireReader() {
  std::unique_lock<std::mutex> lock(pool_mu_);
  pool_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
  Connection* reader = idle_readers_.back();
  idle_readers_.pop_back();
  return reader;
}

void Database::ReleaseReader(Connection* reader) {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    idle_readers_.push_back(reader);
  }
  pool_cv_.notify_one();
}

}  // namespace accrue::sqlite
