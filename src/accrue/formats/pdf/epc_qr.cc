#include "accrue/formats/pdf/epc_qr.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>
#include <string_view>

#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/domain/banking/iban.h"

namespace accrue::pdf {
namespace {

bool IsUpperAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// One payload line: line breaks become spaces (they would end the field), surrounding blanks
// are trimmed, and the text is cut after `chars_max` Unicode characters (never inside one).
std::string Field(std::string_view text, size_t chars_max) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char && ++chars > chars_max) break;
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : static_cast<char>(c));
  }
  const size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

}  // namespace

Result<std::string> EpcQrPayload(const EpcCreditTransfer& transfer) {
  if (transfer.amount.currency().code() != "EUR") {
    return InvalidArgument("currency", "pdf.epc.not_eur",
                           fmt::format("the EPC QR code is for EUR transfers only; got {}",
                                       transfer.amount.currency().code()));
  }
  const int64_t minor = transfer.amount.minor_units();
  if (minor <= 0 || minor > kEpcAmountMinorMax) {
    return InvalidArgument("amount", "pdf.epc.amount_out_of_range",
                           fmt::format("the EPC QR amount must be EUR 0.01 to 999999999.99; got {}",
                                       transfer.amount.ToString()));
  }
  const std::string iban = banking::ElectronicForm(transfer.iban);
  if (iban.empty()) {
    return InvalidArgument("iban", "pdf.epc.iban_missing", "the EPC QR code needs an IBAN");
  }
  if (!banking::IsValidIban(iban)) {
    return InvalidArgument("iban", "pdf.epc.iban_invalid", "the IBAN fails its check digits");
  }
  const std::string bic = banking::ElectronicForm(transfer.bic);
  if (!bic.empty()) {
    bool ok = bic.size() == 8 || bic.size() == 11;
    for (char c : bic) ok = ok && IsUpperAlnum(c);
    if (!ok) {
      return InvalidArgument("bic", "pdf.epc.bic_invalid", "a BIC has 8 or 11 letters or digits");
    }
  }
  const std::string name = Field(transfer.beneficiary_name, kEpcNameCharsMax);
  if (name.empty()) {
    return InvalidArgument("beneficiary_name", "pdf.epc.name_missing",
                           "the EPC QR code needs the beneficiary's name");
  }
  std::string structured;
  std::string unstructured;
  if (banking::IsValidRf(transfer.remittance)) {
    structured = banking::NormalizeRf(transfer.remittance);
  } else {
    unstructured = Field(transfer.remittance, kEpcRemittanceCharsMax);
  }
  std::string out = fmt::format("BCD\n002\n1\nSCT\n{}\n{}\n{}\nEUR{}\n\n{}\n{}", bic, name, iban,
                                transfer.amount.ToString(), structured, unstructured);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  // A 70-character name and a 140-character text exceed 331 bytes only with many multi-byte
  // characters; refuse rather than cut a reference the payee matches payments on.
  if (out.size() > kEpcPayloadBytesMax) {
    return InvalidArgument("remittance", "pdf.epc.too_long",
                           fmt::format("the EPC QR payload would be {} bytes, more than {}",
                                       out.size(), kEpcPayloadBytesMax));
  }
  return out;
}

Result<QrMatrix> EncodeQr(const std::string& data) {
  struct Free {
    void operator()(QRcode* code) const { QRcode_free(code); }
  };
  std::unique_ptr<QRcode, Free> code(
      QRcode_encodeData(static_cast<int>(data.size()),
                        reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M));
  if (code == nullptr) {
    return InvalidArgument("", "pdf.qr.too_long",
                           fmt::format("{} bytes do not fit in a QR code", data.size()));
  }
  QrMatrix out;
  out.width = code->width;
  const size_t modules = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
  out.dark.resize(modules);
  for (size_t i = 0; i < modules; ++i) out.dark[i] = (code->data[i] & 1) != 0;
  return out;
}

}  // namespace accrue::pdf
