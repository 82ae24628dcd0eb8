// XmlWriter: a thin, failure-remembering wrapper over libxml2's xmlTextWriter, used by the UBL
// and CII writers. It writes UTF-8 into memory, indented by two spaces (documents are read by
// people too: support, auditors, golden files). Element names are passed qualified with their
// prefix ("cbc:ID"); the root element declares the namespaces with Attribute("xmlns:cbc", ...).
//
// Text is escaped by libxml2. Callers pass text that is valid UTF-8 without control characters
// (the rule checks' shape check guarantees that); a libxml2 failure is remembered and reported
// by Finish as an internal error, never a crash.
//
// Lifecycle: one XmlWriter per document; not copyable. Thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "accrue/base/status.h"

typedef struct _xmlBuffer xmlBuffer;
typedef struct _xmlTextWriter xmlTextWriter;

namespace accrue::einvoice::internal {

class XmlWriter {
 public:
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  void Start(const char* qname);
  void Attribute(const char* name, std::string_view value);
  void End();
  // <qname>text</qname>; nothing when `text` is blank (Peppol R008: no empty elements).
  void Element(const char* qname, std::string_view text);
  // <qname attr="value">text</qname>; the attribute is left out when `value` is blank.
  void Element(const char* qname, const char* attr, std::string_view value, std::string_view text);

  // Closes open elements and returns the document. Error: "einvoice.xml_writer" (internal).
  Result<std::string> Finish();

 private:
  void Track(int rc) {
    if (rc < 0) failed_ = true;
  }

  xmlBuffer* buffer_ = nullptr;
  xmlTextWriter* writer_ = nullptr;
  bool failed_ = false;
  std::string scratch_;  // NUL-terminated copy of the current text
};

}  // namespace accrue::einvoice::internal
