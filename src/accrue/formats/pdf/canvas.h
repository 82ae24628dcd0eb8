// Drawing primitives for the PDF renderer (internal to formats/pdf; callers use pdf_renderer.h):
// shaped text boxes (Pango), colours, the QR symbol and the logo (Cairo).
//
// Text is shaped by Pango with the families "Noto Sans" and "Noto Sans CJK JP" (Debian
// fonts-noto-core, fonts-noto-cjk); fontconfig falls back per character to the other Noto
// families (Noto Sans Arabic, ...), so any script installed renders. Units are PDF points
// (1/72 inch): the font map is set to 72 dpi and hinting is off, so what is measured is what
// the PDF gets.
//
// Thread-safety: Pango font maps, contexts and layouts must not be shared between threads, and
// creating a font map costs milliseconds, so TextShaper::ForThread() keeps one per thread for
// the thread's lifetime, with a context per language and the paragraphs it shaped last. TextBox
// values belong to the thread that made them.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "accrue/base/status.h"
#include "accrue/formats/pdf/epc_qr.h"

namespace accrue::pdf::internal {

// A colour with components in 0..1 (drawing only; nothing here is an amount).
struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};
// "#RRGGBB" (either case). Error: InvalidArgument "pdf.invalid_accent_colour", param
// "accent_colour".
Result<Rgb> ParseAccentColour(std::string_view text);

enum class Align { kLeft, kRight, kCenter };

struct Style {
  double size_pt = 9;
  bool bold = false;
  Rgb colour;
  Align align = Align::kLeft;
  int lines_max = 0;  // > 0: cut after this many lines with an ellipsis
};

// A paragraph shaped to a width; owns its PangoLayout. Move-only.
class TextBox {
 public:
  TextBox() = default;
  TextBox(PangoLayout* layout, Rgb colour);  // takes the reference
  ~TextBox();
  TextBox(TextBox&& other) noexcept;
  TextBox& operator=(TextBox&& other) noexcept;
  TextBox(const TextBox&) = delete;
  TextBox& operator=(const TextBox&) = delete;

  bool empty() const { return layout_ == nullptr; }
  double height() const { return height_; }
  // Top-left corner at (x, y); aligned within the width it was shaped to.
  void Draw(cairo_t* cr, double x, double y) const;

 private:
  PangoLayout* layout_ = nullptr;
  Rgb colour_;
  double height_ = 0;
};

class TextShaper {
 public:
  // The calling thread's shaper (font map and context made on first use).
  static TextShaper& ForThread();

  // Sets the language used to pick glyph variants (Han characters look Japanese for "ja").
  void SetLanguage(std::string_view iso639);
  // `text` is UTF-8; invalid sequences are shown as U+FFFD. Empty text gives an empty box.
  // Shaped paragraphs are kept (see kTextCacheEntries): the same text, style and width in the
  // same language gives a box sharing the layout shaped the first time, drawn the same.
  TextBox Make(std::string_view text, const Style& style, double width_pt);

  ~TextShaper();
  TextShaper(const TextShaper&) = delete;
  TextShaper& operator=(const TextShaper&) = delete;

 private:
  struct Cached {
    std::string key;
    PangoLayout* layout;
  };

  TextShaper();
  PangoLayout* Shape(std::string_view text, const Style& style, double width_pt);

  PangoFontMap* font_map_ = nullptr;
  // One context per language: a layout is reshaped whenever its context changes, so cached
  // layouts keep the context they were shaped with.
  std::vector<std::pair<std::string, PangoContext*>> contexts_;
  PangoContext* context_ = nullptr;
  std::string language_;
  PangoFontDescription* regular_ = nullptr;
  PangoFontDescription* bold_ = nullptr;
  // Least recently used first; the index points into the list's keys.
  std::list<Cached> cache_;
  absl::flat_hash_map<std::string_view, std::list<Cached>::iterator> cache_index_;
};

// Shaped paragraphs kept per thread, least recently used dropped first. A one-page invoice
// makes about 170; labels, the seller's block, dates, unit prices and rates repeat from one
// invoice to the next, so a worker rendering a batch shapes mostly the parts that differ.
inline constexpr size_t kTextCacheEntries = 1024;

void SetColour(cairo_t* cr, Rgb colour);
void FillRect(cairo_t* cr, double x, double y, double width, double height, Rgb colour);
void HorizontalRule(cairo_t* cr, double x, double y, double width, double line_width, Rgb colour);

// The QR symbol, `size_pt` square including a quiet zone of four modules, as a 1-bit image
// mask (one pixel per module, not interpolated) filled with black.
void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size_pt);

// A decoded PNG, drawn scaled to fit a box keeping its aspect ratio.
class Image {
 public:
  // Error: InvalidArgument "pdf.invalid_logo", param "logo_png", for bytes that are not a PNG
  // or are larger than kLogoBytesMax / kLogoPixelsMax on a side.
  static Result<Image> DecodePng(const std::string& png);
  Image() = default;
  ~Image();
  Image(Image&& other) noexcept;
  Image& operator=(Image&& other) noexcept;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;

  bool empty() const { return surface_ == nullptr; }
  // Scaled into the box, aligned to its right edge and top. Returns the height used.
  double DrawFitted(cairo_t* cr, double x, double y, double width, double height) const;
  double HeightFor(double width, double height) const;

 private:
  cairo_surface_t* surface_ = nullptr;
};

inline constexpr size_t kLogoBytesMax = 2 * 1024 * 1024;
inline constexpr int kLogoPixelsMax = 4096;

}  // namespace accrue::pdf::internal
