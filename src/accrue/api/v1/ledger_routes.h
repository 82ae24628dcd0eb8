// API v1 for the books: journal export, recognition runs, the chart of accounts and the finance
// reports, each as JSON (Stripe-like objects, amounts as exact decimal strings plus "_minor"
// integers) or, with format=csv, as CSV (RFC 4180, a header line, amounts as decimal strings).
// The renderers are public so that the CLI prints exactly what the API returns.
//
//   GET  /v1/accounts
//   GET  /v1/journal_entries?from=YYYY-MM-DD&to=YYYY-MM-DD[&limit&starting_after&format]
//   GET  /v1/journal_entries/{id}
//   POST /v1/recognition_runs                   {"month": "2026-03"}
//   GET  /v1/reports/trial_balance[?as_of&currency=reporting&format]
//   GET  /v1/reports/ar_aging[?as_of&format]
//   GET  /v1/reports/dso[?as_of&days&format]
//   GET  /v1/reports/deferred_revenue[?format]
//   GET  /v1/reports/recognized_revenue[?from=YYYY-MM&to=YYYY-MM&format]
//   GET  /v1/reports/mrr[?from=YYYY-MM&to=YYYY-MM&format]
//
// Thread-safe: handlers share only the Services.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/api/http/http_server.h"
#include "accrue/api/json/json_writer.h"
#include "accrue/app/ledger.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"

namespace accrue::api {

enum class ReportFormat { kJson, kCsv };
// "json" (also when absent) or "csv"; InvalidArgument "parameter.invalid" on param "format".
Result<ReportFormat> ParseReportFormat(const std::optional<std::string>& text);

void WriteJournalEntry(JsonWriter& w, const ledger::JournalEntry& entry);
// A page of entries: JSON list with "next_cursor", or CSV with one row per line (the header only
// when `csv_header`, so pages concatenate into one file).
std::string RenderJournal(const Page<ledger::JournalEntry>& page, ReportFormat format,
                          bool csv_header = true);
std::string RenderAccounts(const std::vector<ledger::Account>& accounts, ReportFormat format);
std::string RenderRecognitionRun(const RecognitionRun& run);
std::string RenderRatesImport(const RatesImport& import);
std::string RenderTrialBalance(const ledger::TrialBalance& tb, ReportFormat format);
std::string RenderAging(const ledger::AgingReport& report, ReportFormat format);
std::string RenderDso(const DsoReport& report, ReportFormat format);
std::string RenderDeferredRevenue(const DeferredRevenueReport& report, ReportFormat format);
std::string RenderRecognizedRevenue(absl::CivilMonth from, absl::CivilMonth to,
                                    const std::vector<RevenueRow>& rows, ReportFormat format);
std::string RenderMrr(const std::vector<ledger::MrrMonth>& months, ReportFormat format);

// Registers the routes above.
void RegisterLedgerRoutes(HttpServer& server, const Services& services);

}  // namespace accrue::api
