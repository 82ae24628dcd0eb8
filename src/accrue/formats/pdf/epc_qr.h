// The EPC payment QR code ("GiroCode", EPC069-12 version 002): a SEPA credit transfer the payer's
// banking app fills in from a scan.
//
// EpcQrPayload builds the text that goes into the code; EncodeQr turns any text into a QR
// module matrix with libqrencode (error correction level M, as EPC069-12 requires), which the
// PDF renderer draws as a 1-bit image mask, one pixel per module. Payload, line by line, separated
// by "\n":
//   BCD / 002 / 1 (UTF-8) / SCT / BIC (may be empty) / beneficiary name (at most 70 characters,
//   cut there) / IBAN / "EUR12.34" / purpose (empty) / structured reference (an ISO 11649 RF
//   reference, electronic form) / unstructured remittance text (at most 140 characters, cut
//   there; only when there is no RF reference) — trailing empty lines are dropped, as the
//   standard asks. At most 331 bytes.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/money/money.h"

namespace accrue::pdf {

// EPC069-12 limits.
inline constexpr int64_t kEpcAmountMinorMax = 99999999999;  // EUR 999,999,999.99
inline constexpr size_t kEpcNameCharsMax = 70;
inline constexpr size_t kEpcRemittanceCharsMax = 140;
inline constexpr size_t kEpcPayloadBytesMax = 331;

struct EpcCreditTransfer {
  std::string beneficiary_name;  // required; longer names are cut to 70 characters
  std::string iban;              // required; spaces and case ignored
  std::string bic;               // optional in version 002
  Money amount = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // EUR 0.01 .. 999999999.99
  // BT-83 as given: a valid RF reference goes to the structured field, anything else is the
  // unstructured remittance text.
  std::string remittance;
};

// Errors (InvalidArgument): "pdf.epc.not_eur" (param "currency"), "pdf.epc.amount_out_of_range"
// ("amount": not positive or above 999,999,999.99), "pdf.epc.iban_missing" / "pdf.epc.iban_invalid"
// ("iban": shape or ISO 7064 check), "pdf.epc.name_missing" ("beneficiary_name"),
// "pdf.epc.bic_invalid" ("bic": not 8 or 11 letters/digits), "pdf.epc.too_long" ("remittance":
// the payload would exceed 331 bytes, possible only with many multi-byte characters).
Result<std::string> EpcQrPayload(const EpcCreditTransfer& transfer);

// A square QR symbol: width × width modules, row by row, true = dark. No quiet zone.
struct QrMatrix {
  int width = 0;
  std::vector<bool> dark;
  bool At(int x, int y) const { return dark[static_cast<size_t>(y * width + x)]; }
};

// Encodes `data` as bytes (8-bit mode), error correction level M, the smallest version that
// fits. Error: InvalidArgument "pdf.qr.too_long" when no version holds it (about 2,300 bytes).
Result<QrMatrix> EncodeQr(const std::string& data);

}  // namespace accrue::pdf
