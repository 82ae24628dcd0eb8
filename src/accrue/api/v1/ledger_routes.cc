#include "accrue/api/v1/ledger_routes.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "accrue/api/json/json_reader.h"
#include "accrue/api/v1/handler_util.h"
#include "accrue/api/v1/parse.h"
#include "accrue/app/idempotency.h"
#include "accrue/app/tenants.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/money/money.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {

using ledger::JournalEntry;

std::string Amount(int64_t minor, Currency c) { return Money::FromMinor(minor, c).ToString(); }

// "total": "12.50", "total_minor": 1250
void AmountField(JsonWriter& w, std::string_view key, int64_t minor, Currency currency) {
  w.Field(key, Amount(minor, currency));
  w.Field(std::string(key) + "_minor", minor);
}

// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
class Csv {
 public:
  void Row(std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) out_ += ',';
      first = false;
      if (f.find_first_of(",\"\r\n") == std::string_view::npos) {
        out_ += f;
        continue;
      }
      out_ += '"';
      for (char c : f) {
        if (c == '"') out_ += '"';
        out_ += c;
      }
      out_ += '"';
    }
    out_ += "\r\n";
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string Num(int64_t v) { return std::to_string(v); }

// ---- Request plumbing beyond api/v1/handler_util.h: report bodies and formats ----

HttpResponse Body(std::string body, ReportFormat format) {
  HttpResponse r = JsonResponse(200, std::move(body));
  if (format == ReportFormat::kCsv) r.content_type = "text/csv; charset=utf-8";
  return r;
}

// A GET report: parse the format, run `fn` in one read transaction.
HttpResponse Report(
    const Services& s, const HttpRequest& req,
    const std::function<Result<std::string>(StoreTx&, const Actor&, ReportFormat)>& fn) {
  return Authed(s, req, [&](const Actor& actor) -> Result<HttpResponse> {
    ASSIGN_OR_RETURN(ReportFormat format, ParseReportFormat(req.Query("format")));
    std::string body;
    RETURN_IF_ERROR(s.store.Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(body, fn(tx, actor, format));
      return OkStatus();
    }));
    return Body(std::move(body), format);
  });
}

Result<std::optional<absl::CivilDay>> QueryDate(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> text = req.Query(name);
  if (!text.has_value()) return std::optional<absl::CivilDay>();
  Result<absl::CivilDay> day = ParseDate(*text);
  if (!day.ok()) return WithParamPrefix(day.status(), name);
  return std::optional<absl::CivilDay>(*day);
}

Result<absl::CivilDay> RequiredDate(const HttpRequest& req, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<absl::CivilDay> day, QueryDate(req, name));
  if (!day.has_value()) {
    return InvalidArgument(name, "parameter.missing",
                           fmt::format("missing required parameter '{}'", name));
  }
  return *day;
}

Result<std::optional<absl::CivilMonth>> QueryMonth(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> text = req.Query(name);
  if (!text.has_value()) return std::optional<absl::CivilMonth>();
  Result<absl::CivilMonth> m = ledger::ParseMonth(*text);
  if (!m.ok()) return WithParamPrefix(m.status(), name);
  return std::optional<absl::CivilMonth>(*m);
}

// from/to months; by default the twelve months ending with the current one.
Result<std::pair<absl::CivilMonth, absl::CivilMonth>> MonthRange(StoreTx& tx, const Services& s,
                                                                 const Actor& a,
                                                                 const HttpRequest& req) {
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> from, QueryMonth(req, "from"));
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> to, QueryMonth(req, "to"));
  if (!to.has_value()) {
    ASSIGN_OR_RETURN(absl::CivilDay today, ReportDay(tx, s, a, std::nullopt));
    to = absl::CivilMonth(today);
  }
  if (!from.has_value()) from = *to - 11;
  return std::make_pair(*from, *to);
}

void RegisterReports(HttpServer& server, const Services& s) {
  server.Route("GET", "/v1/reports/trial_balance", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(std::optional<absl::CivilDay> as_of, QueryDate(req, "as_of"));
      ASSIGN_OR_RETURN(absl::CivilDay day, ReportDay(tx, s, a, as_of));
      std::optional<std::string> currency = req.Query("currency");
      if (currency.has_value() && *currency != "reporting" && *currency != "transaction") {
        return InvalidArgument("currency", "parameter.invalid",
                               "currency is 'transaction' (default) or 'reporting'");
      }
      ASSIGN_OR_RETURN(ledger::TrialBalance tb,
                       TrialBalanceReport(tx, a, day, currency == "reporting"));
      return RenderTrialBalance(tb, f);
    });
  });
  server.Route("GET", "/v1/reports/ar_aging", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(std::optional<absl::CivilDay> as_of, QueryDate(req, "as_of"));
      ASSIGN_OR_RETURN(absl::CivilDay day, ReportDay(tx, s, a, as_of));
      ASSIGN_OR_RETURN(ledger::AgingReport r, ArAgingReport(tx, a, day));
      return RenderAging(r, f);
    });
  });
  server.Route("GET", "/v1/reports/dso", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(std::optional<absl::CivilDay> as_of, QueryDate(req, "as_of"));
      ASSIGN_OR_RETURN(absl::CivilDay day, ReportDay(tx, s, a, as_of));
      int days = kDsoWindowDaysDefault;
      if (std::optional<std::string> text = req.Query("days")) {
        if (!absl::SimpleAtoi(AsAbsl(*text), &days)) days = 0;  // refused below
      }
      ASSIGN_OR_RETURN(DsoReport r, DsoReportFor(tx, a, day, days));
      return RenderDso(r, f);
    });
  });
  server.Route("GET", "/v1/reports/deferred_revenue", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(DeferredRevenueReport r, DeferredRevenueWaterfall(tx, a));
      return RenderDeferredRevenue(r, f);
    });
  });
  server.Route("GET", "/v1/reports/recognized_revenue", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(auto range, MonthRange(tx, s, a, req));
      ASSIGN_OR_RETURN(std::vector<RevenueRow> rows,
                       RecognizedRevenueReport(tx, a, range.first, range.second));
      return RenderRecognizedRevenue(range.first, range.second, rows, f);
    });
  });
  server.Route("GET", "/v1/reports/mrr", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(auto range, MonthRange(tx, s, a, req));
      ASSIGN_OR_RETURN(std::vector<ledger::MrrMonth> months,
                       MrrReport(tx, a, range.first, range.second));
      return RenderMrr(months, f);
    });
  });
}

void RegisterJournal(HttpServer& server, const Services& s) {
  server.Route("GET", "/v1/journal_entries", [&s](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& a) -> Result<HttpResponse> {
      ASSIGN_OR_RETURN(ReportFormat format, ParseReportFormat(req.Query("format")));
      JournalQuery q;
      ASSIGN_OR_RETURN(q.from, RequiredDate(req, "from"));
      ASSIGN_OR_RETURN(q.to, RequiredDate(req, "to"));
      if (std::optional<std::string> limit = req.Query("limit")) {
        if (!absl::SimpleAtoi(AsAbsl(*limit), &q.limit)) q.limit = 0;  // refused by the use case
      }
      if (std::optional<std::string> after = req.Query("starting_after")) {
        Result<JournalCursor> cursor = ParseJournalCursor(*after);
        if (!cursor.ok()) return WithParamPrefix(cursor.status(), "starting_after");
        q.after = *cursor;
      }
      Page<JournalEntry> page;
      RETURN_IF_ERROR(s.store.Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(page, ListJournalEntries(tx, a, q));
        return OkStatus();
      }));
      HttpResponse r = Body(RenderJournal(page, format), format);
      if (page.has_more && !page.items.empty()) {
        r.headers.emplace_back("Accrue-Next-Cursor", FormatJournalCursor(page.items.back()));
      }
      return r;
    });
  });
  server.Route("GET", "/v1/journal_entries/{id}", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat) -> Result<std::string> {
      ASSIGN_OR_RETURN(ledger::JournalEntryId id,
                       ParseId<ledger::JournalEntryId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(JournalEntry e, GetJournalEntry(tx, a, id));
      JsonWriter w;
      WriteJournalEntry(w, e);
      return w.Take();
    });
  });
  server.Route("GET", "/v1/accounts", [&s](const HttpRequest& req) {
    return Report(s, req, [&](StoreTx& tx, const Actor& a, ReportFormat f) -> Result<std::string> {
      ASSIGN_OR_RETURN(std::vector<ledger::Account> accounts, ListLedgerAccounts(tx, a));
      return RenderAccounts(accounts, f);
    });
  });
  server.Route("POST", "/v1/recognition_runs", [&s](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& a) -> Result<HttpResponse> {
      ASSIGN_OR_RETURN(JsonDocument doc,
                       JsonDocument::Parse(req.body.empty() ? std::string_view("{}") : req.body,
                                           kResourceJsonLimits));
      ObjectReader body = doc.Root();
      ASSIGN_OR_RETURN(std::string text, body.RequiredString("month", 7));
      RETURN_IF_ERROR(body.Finish());
      Result<absl::CivilMonth> month = ledger::ParseMonth(text);
      if (!month.ok()) return WithParamPrefix(month.status(), "month");
      const std::string fingerprint =
          Sha256(fmt::format("{}\n{}\n{}", req.method, req.path, req.body));
      ASSIGN_OR_RETURN(StoredResponse stored,
                       RunIdempotent(s, a.tenant, req.idempotency_key, fingerprint,
                                     [&](StoreTx& tx) -> Result<StoredResponse> {
                                       ASSIGN_OR_RETURN(RecognitionRun run,
                                                        RunRecognition(tx, s, a, *month));
                                       return StoredResponse{200, RenderRecognitionRun(run), false};
                                     }));
      HttpResponse r = JsonResponse(stored.status, stored.body);
      if (stored.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
      return r;
    });
  });
}

void WriteTrialBalanceRowJson(JsonWriter& w, const ledger::Account& account, Currency currency,
                              int64_t debit, int64_t credit) {
  w.BeginObject();
  w.Field("account", account.code);
  w.Field("name", account.name);
  w.Field("type", ledger::AccountTypeName(account.type));
  w.Field("normal_side", ledger::SideName(ledger::NormalSide(account.type)));
  w.Field("currency", currency.code());
  AmountField(w, "debit", debit, currency);
  AmountField(w, "credit", credit, currency);
  w.EndObject();
}

void WriteBuckets(JsonWriter& w, const ledger::AgingRow& row) {
  for (size_t i = 0; i < ledger::kAgingBuckets; ++i) {
    AmountField(w, ledger::AgingBucketName(static_cast<ledger::AgingBucket>(i)),
                row.buckets_minor[i], row.currency);
  }
  AmountField(w, "total", row.total_minor, row.currency);
}

}  // namespace

Result<ReportFormat> ParseReportFormat(const std::optional<std::string>& text) {
  if (!text.has_value() || *text == "json") return ReportFormat::kJson;
  if (*text == "csv") return ReportFormat::kCsv;
  return InvalidArgument("format", "parameter.invalid", "format is 'json' or 'csv'");
}

void WriteJournalEntry(JsonWriter& w, const JournalEntry& e) {
  w.BeginObject();
  w.Field("id", e.id.ToString());
  w.Field("object", "journal_entry");
  w.Field("number", e.number);
  w.Field("kind", ledger::EntryKindName(e.kind));
  w.Field("occurred_at", FormatInstant(e.occurred_at));
  w.Field("effective_date", FormatDate(e.effective_date));
  w.Key("source");
  w.BeginObject();
  w.Field("type", e.source_type);
  w.Field("id", e.source_id);
  w.EndObject();
  w.Field("memo", e.memo);
  if (e.fx.has_value()) {
    w.Key("fx");
    w.BeginObject();
    w.Field("currency", e.fx->currency.code());
    w.Field("reporting_currency", e.fx->reporting_currency.code());
    w.Field("rate", e.fx->rate.ToString());
    w.Field("rate_date", FormatDate(e.fx->rate_date));
    w.Field("source", e.fx->source);
    w.EndObject();
  } else {
    w.FieldNull("fx");
  }
  w.Key("lines");
  w.BeginArray();
  for (const ledger::JournalLine& l : e.lines) {
    w.BeginObject();
    w.Field("account", l.account);
    w.Field("currency", l.currency.code());
    AmountField(w, "debit", l.debit_minor, l.currency);
    AmountField(w, "credit", l.credit_minor, l.currency);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string RenderJournal(const Page<JournalEntry>& page, ReportFormat format, bool csv_header) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    if (csv_header) {
      csv.Row({"entry_number", "entry_id", "effective_date", "occurred_at", "kind", "source_type",
               "source_id", "memo", "account", "account_name", "currency", "debit", "credit",
               "debit_minor", "credit_minor", "fx_reporting_currency", "fx_rate", "fx_rate_date",
               "fx_source"});
    }
    for (const JournalEntry& e : page.items) {
      const std::string number = Num(e.number), id = e.id.ToString();
      const std::string day = FormatDate(e.effective_date), at = FormatInstant(e.occurred_at);
      std::string fx_cur, fx_rate, fx_date, fx_source;
      if (e.fx.has_value()) {
        fx_cur = std::string(e.fx->reporting_currency.code());
        fx_rate = e.fx->rate.ToString();
        fx_date = FormatDate(e.fx->rate_date);
        fx_source = e.fx->source;
      }
      for (const ledger::JournalLine& l : e.lines) {
        Result<ledger::Account> account = ledger::ResolveAccount(l.account);
        csv.Row({number, id, day, at, ledger::EntryKindName(e.kind), e.source_type, e.source_id,
                 e.memo, l.account, account.ok() ? account->name : "", l.currency.code(),
                 Amount(l.debit_minor, l.currency), Amount(l.credit_minor, l.currency),
                 Num(l.debit_minor), Num(l.credit_minor), fx_cur, fx_rate, fx_date, fx_source});
      }
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "list");
  w.Key("data");
  w.BeginArray();
  for (const JournalEntry& e : page.items) WriteJournalEntry(w, e);
  w.EndArray();
  w.Field("has_more", page.has_more);
  if (page.has_more && !page.items.empty()) {
    w.Field("next_cursor", FormatJournalCursor(page.items.back()));
  } else {
    w.FieldNull("next_cursor");
  }
  w.EndObject();
  return w.Take();
}

std::string RenderAccounts(const std::vector<ledger::Account>& accounts, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"code", "name", "type", "normal_side", "parent"});
    for (const ledger::Account& a : accounts) {
      csv.Row({a.code, a.name, ledger::AccountTypeName(a.type),
               ledger::SideName(ledger::NormalSide(a.type)), a.parent});
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "list");
  w.Key("data");
  w.BeginArray();
  for (const ledger::Account& a : accounts) {
    w.BeginObject();
    w.Field("object", "account");
    w.Field("code", a.code);
    w.Field("name", a.name);
    w.Field("type", ledger::AccountTypeName(a.type));
    w.Field("normal_side", ledger::SideName(ledger::NormalSide(a.type)));
    w.OptionalField("parent",
                    a.parent.empty() ? std::nullopt : std::optional<std::string>(a.parent));
    w.EndObject();
  }
  w.EndArray();
  w.Field("has_more", false);
  w.EndObject();
  return w.Take();
}

std::string RenderRecognitionRun(const RecognitionRun& run) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "recognition_run");
  w.Field("month", ledger::FormatMonth(run.month));
  w.OptionalField("previously_through",
                  run.previously_through.has_value()
                      ? std::optional<std::string>(ledger::FormatMonth(*run.previously_through))
                      : std::nullopt);
  w.Key("months");
  w.BeginArray();
  for (const RecognizedMonth& m : run.months) {
    w.BeginObject();
    w.Field("month", ledger::FormatMonth(m.month));
    w.Field("schedule_items", m.items);
    if (m.entry.has_value()) {
      w.Key("journal_entry");
      WriteJournalEntry(w, *m.entry);
    } else {
      w.FieldNull("journal_entry");
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderRatesImport(const RatesImport& import) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "rates_import");
  w.Field("rates", import.rates);
  w.OptionalField("first_day", import.first_day.has_value()
                                   ? std::optional<std::string>(FormatDate(*import.first_day))
                                   : std::nullopt);
  w.OptionalField("last_day", import.last_day.has_value()
                                  ? std::optional<std::string>(FormatDate(*import.last_day))
                                  : std::nullopt);
  w.Key("skipped_currencies");
  w.BeginArray();
  for (const std::string& c : import.skipped_currencies) w.String(c);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderTrialBalance(const ledger::TrialBalance& tb, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row(
        {"account", "name", "type", "currency", "debit", "credit", "debit_minor", "credit_minor"});
    for (const ledger::TrialBalanceRow& r : tb.rows) {
      csv.Row({r.account.code, r.account.name, ledger::AccountTypeName(r.account.type),
               r.currency.code(), Amount(r.debit_minor, r.currency),
               Amount(r.credit_minor, r.currency), Num(r.debit_minor), Num(r.credit_minor)});
    }
    for (const ledger::CurrencyTotal& t : tb.totals) {
      csv.Row({"total", "", "", t.currency.code(), Amount(t.debit_minor, t.currency),
               Amount(t.credit_minor, t.currency), Num(t.debit_minor), Num(t.credit_minor)});
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "trial_balance");
  w.Field("as_of", FormatDate(tb.as_of));
  w.OptionalField("reporting_currency",
                  tb.reporting_currency.has_value()
                      ? std::optional<std::string>(std::string(tb.reporting_currency->code()))
                      : std::nullopt);
  w.Field("balanced", tb.balanced);
  w.Key("rows");
  w.BeginArray();
  for (const ledger::TrialBalanceRow& r : tb.rows) {
    WriteTrialBalanceRowJson(w, r.account, r.currency, r.debit_minor, r.credit_minor);
  }
  w.EndArray();
  w.Key("totals");
  w.BeginArray();
  for (const ledger::CurrencyTotal& t : tb.totals) {
    w.BeginObject();
    w.Field("currency", t.currency.code());
    AmountField(w, "debit", t.debit_minor, t.currency);
    AmountField(w, "credit", t.credit_minor, t.currency);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderAging(const ledger::AgingReport& report, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"customer_id", "customer_name", "currency", "current", "1_30", "31_60", "61_90",
             "over_90", "total"});
    auto row = [&](std::string_view id, std::string_view name, const ledger::AgingRow& r) {
      const auto& b = r.buckets_minor;
      csv.Row({id, name, r.currency.code(), Amount(b[0], r.currency), Amount(b[1], r.currency),
               Amount(b[2], r.currency), Amount(b[3], r.currency), Amount(b[4], r.currency),
               Amount(r.total_minor, r.currency)});
    };
    for (const ledger::AgingRow& r : report.rows) row(r.customer.ToString(), r.customer_name, r);
    for (const ledger::AgingRow& r : report.totals) row("total", "", r);
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "ar_aging");
  w.Field("as_of", FormatDate(report.as_of));
  w.Key("rows");
  w.BeginArray();
  for (const ledger::AgingRow& r : report.rows) {
    w.BeginObject();
    w.Field("customer", r.customer.ToString());
    w.Field("customer_name", r.customer_name);
    w.Field("currency", r.currency.code());
    WriteBuckets(w, r);
    w.EndObject();
  }
  w.EndArray();
  w.Key("totals");
  w.BeginArray();
  for (const ledger::AgingRow& r : report.totals) {
    w.BeginObject();
    w.Field("currency", r.currency.code());
    WriteBuckets(w, r);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderDso(const DsoReport& report, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"currency", "receivable", "sales", "window_days", "dso_days"});
    for (const ledger::DsoRow& r : report.rows) {
      csv.Row({r.currency.code(), Amount(r.receivable_minor, r.currency),
               Amount(r.sales_minor, r.currency), Num(report.window_days),
               r.dso_days.has_value() ? r.dso_days->ToString() : ""});
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "dso");
  w.Field("as_of", FormatDate(report.as_of));
  w.Field("window_days", report.window_days);
  w.Key("rows");
  w.BeginArray();
  for (const ledger::DsoRow& r : report.rows) {
    w.BeginObject();
    w.Field("currency", r.currency.code());
    AmountField(w, "receivable", r.receivable_minor, r.currency);
    AmountField(w, "sales", r.sales_minor, r.currency);
    w.OptionalField("dso_days", r.dso_days.has_value()
                                    ? std::optional<std::string>(r.dso_days->ToString())
                                    : std::nullopt);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderDeferredRevenue(const DeferredRevenueReport& report, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"month", "currency", "amount", "amount_minor"});
    for (const DeferredMonth& m : report.months) {
      csv.Row({ledger::FormatMonth(m.month), m.currency.code(), Amount(m.amount_minor, m.currency),
               Num(m.amount_minor)});
    }
    for (const DeferredMonth& m : report.totals) {
      csv.Row(
          {"total", m.currency.code(), Amount(m.amount_minor, m.currency), Num(m.amount_minor)});
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "deferred_revenue");
  w.OptionalField("recognized_through",
                  report.recognized_through.has_value()
                      ? std::optional<std::string>(ledger::FormatMonth(*report.recognized_through))
                      : std::nullopt);
  w.Key("months");
  w.BeginArray();
  for (const DeferredMonth& m : report.months) {
    w.BeginObject();
    w.Field("month", ledger::FormatMonth(m.month));
    w.Field("currency", m.currency.code());
    AmountField(w, "amount", m.amount_minor, m.currency);
    w.EndObject();
  }
  w.EndArray();
  w.Key("totals");
  w.BeginArray();
  for (const DeferredMonth& m : report.totals) {
    w.BeginObject();
    w.Field("currency", m.currency.code());
    AmountField(w, "amount", m.amount_minor, m.currency);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderRecognizedRevenue(absl::CivilMonth from, absl::CivilMonth to,
                                    const std::vector<RevenueRow>& rows, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"month", "account", "plan", "currency", "amount", "amount_minor"});
    for (const RevenueRow& r : rows) {
      csv.Row({ledger::FormatMonth(r.month), r.account, r.plan, r.currency.code(),
               Amount(r.amount_minor, r.currency), Num(r.amount_minor)});
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "recognized_revenue");
  w.Field("from", ledger::FormatMonth(from));
  w.Field("to", ledger::FormatMonth(to));
  w.Key("rows");
  w.BeginArray();
  for (const RevenueRow& r : rows) {
    w.BeginObject();
    w.Field("month", ledger::FormatMonth(r.month));
    w.Field("account", r.account);
    w.Field("plan", r.plan);
    w.Field("currency", r.currency.code());
    AmountField(w, "amount", r.amount_minor, r.currency);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderMrr(const std::vector<ledger::MrrMonth>& months, ReportFormat format) {
  if (format == ReportFormat::kCsv) {
    Csv csv;
    csv.Row({"month", "currency", "opening", "new", "expansion", "contraction", "churn",
             "reactivation", "closing", "arr", "customers"});
    for (const ledger::MrrMonth& m : months) {
      for (const ledger::MrrMovement& c : m.by_currency) {
        const Currency cur = c.currency;
        csv.Row({ledger::FormatMonth(m.month), cur.code(), Amount(c.opening_minor, cur),
                 Amount(c.new_minor, cur), Amount(c.expansion_minor, cur),
                 Amount(c.contraction_minor, cur), Amount(c.churn_minor, cur),
                 Amount(c.reactivation_minor, cur), Amount(c.closing_minor, cur),
                 Amount(c.arr_minor, cur), Num(c.customers)});
      }
    }
    return csv.Take();
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "mrr");
  w.Key("months");
  w.BeginArray();
  for (const ledger::MrrMonth& m : months) {
    w.BeginObject();
    w.Field("month", ledger::FormatMonth(m.month));
    w.Key("currencies");
    w.BeginArray();
    for (const ledger::MrrMovement& c : m.by_currency) {
      w.BeginObject();
      w.Field("currency", c.currency.code());
      AmountField(w, "opening", c.opening_minor, c.currency);
      AmountField(w, "new", c.new_minor, c.currency);
      AmountField(w, "expansion", c.expansion_minor, c.currency);
      AmountField(w, "contraction", c.contraction_minor, c.currency);
      AmountField(w, "churn", c.churn_minor, c.currency);
      AmountField(w, "reactivation", c.reactivation_minor, c.currency);
      AmountField(w, "closing", c.closing_minor, c.currency);
      AmountField(w, "arr", c.arr_minor, c.currency);
      w.Field("customers", c.customers);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

void RegisterLedgerRoutes(HttpServer& server, const Services& services) {
  RegisterJournal(server, services);
  RegisterReports(server, services);
}

}  // namespace accrue::api
