#include "accrue/formats/einvoice/xml_writer.h"

#include <libxml/xmlwriter.h>

#include "accrue/formats/einvoice/values.h"

namespace accrue::einvoice::internal {
namespace {

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

}  // namespace

XmlWriter::XmlWriter() {
  // A 10-line invoice is about 11 KB; starting at 16 KB and doubling avoids re-copying the
  // document as it grows.
  buffer_ = xmlBufferCreateSize(16384);
  if (buffer_ != nullptr) xmlBufferSetAllocationScheme(buffer_, XML_BUFFER_ALLOC_DOUBLEIT);
  writer_ = buffer_ != nullptr ? xmlNewTextWriterMemory(buffer_, 0) : nullptr;
  if (writer_ == nullptr) {
    failed_ = true;
    return;
  }
  Track(xmlTextWriterSetIndent(writer_, 1));
  Track(xmlTextWriterSetIndentString(writer_, X("  ")));
  Track(xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
  if (writer_ != nullptr) xmlFreeTextWriter(writer_);
  if (buffer_ != nullptr) xmlBufferFree(buffer_);
}

void XmlWriter::Start(const char* qname) {
  if (failed_) return;
  Track(xmlTextWriterStartElement(writer_, X(qname)));
}

void XmlWriter::Attribute(const char* name, std::string_view value) {
  if (failed_) return;
  scratch_.assign(value);
  Track(xmlTextWriterWriteAttribute(writer_, X(name), X(scratch_.c_str())));
}

void XmlWriter::End() {
  if (failed_) return;
  Track(xmlTextWriterEndElement(writer_));
}

void XmlWriter::Element(const char* qname, std::string_view text) {
  if (failed_ || IsBlank(text)) return;
  scratch_.assign(text);
  Track(xmlTextWriterWriteElement(writer_, X(qname), X(scratch_.c_str())));
}

void XmlWriter::Element(const char* qname, const char* attr, std::string_view value,
                        std::string_view text) {
  if (failed_ || IsBlank(text)) return;
  Start(qname);
  if (!IsBlank(value)) Attribute(attr, value);
  if (failed_) return;
  scratch_.assign(text);
  Track(xmlTextWriterWriteString(writer_, X(scratch_.c_str())));
  End();
}

Result<std::string> XmlWriter::Finish() {
  if (!failed_) Track(xmlTextWriterEndDocument(writer_));
  if (!failed_) Track(xmlTextWriterFlush(writer_));
  if (failed_) {
    return InternalError("einvoice.xml_writer", "libxml2 failed to write the document");
  }
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                     static_cast<size_t>(xmlBufferLength(buffer_)));
}

}  // namespace accrue::einvoice::internal
