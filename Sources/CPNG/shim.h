// libpng (Debian: libpng-dev) behind a two-step reader whose every libpng call
// runs inside a C function that called setjmp itself: libpng reports errors by
// longjmp, which must never unwind through Swift frames. The error handler
// copies libpng's message and jumps back to the setjmp of the function that is
// running, which returns 0; Swift then throws with that message.
#ifndef LOGIT_CPNG_SHIM_H
#define LOGIT_CPNG_SHIM_H

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
} logit_png_source;

typedef struct {
    png_structp png;
    png_infop info;
    logit_png_source source;
    png_bytepp rows;
    /// From the IHDR chunk, before any pixel is allocated.
    unsigned int width;
    unsigned int height;
    int bit_depth;
    int color_type;
    /// Values per output pixel after the transforms: 1 (grey) or 3 (RGB).
    int channels;
    size_t row_bytes;
    char message[200];
} logit_png_reader;

static void logit_png_read_bytes(png_structp png, png_bytep out, size_t count) {
    logit_png_source *source = (logit_png_source *)png_get_io_ptr(png);
    if (count > source->size - source->offset) {
        png_error(png, "the file ends early (truncated)");
    }
    memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

static void logit_png_on_error(png_structp png, png_const_charp message) {
    logit_png_reader *reader = (logit_png_reader *)png_get_error_ptr(png);
    strncpy(reader->message, message ? message : "libpng error", sizeof(reader->message) - 1);
    reader->message[sizeof(reader->message) - 1] = 0;
    png_longjmp(png, 1);
}

static void logit_png_on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/// Reads the signature and header chunks and sets up the output transforms
/// (8 bits per value by keeping the high byte of 16-bit values, palette and
/// low-bit grey expanded, alpha dropped). Returns 1, or 0 with `message` set.
static inline int logit_png_open(logit_png_reader *reader, const unsigned char *data, size_t size) {
    memset(reader, 0, sizeof(*reader));
    reader->source.data = data;
    reader->source.size = size;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, logit_png_on_error, logit_png_on_warning);
    if (!reader->png) {
        strcpy(reader->message, "libpng could not start");
        return 0;
    }
    reader->info = png_create_info_struct(reader->png);
    if (!reader->info) {
        strcpy(reader->message, "libpng could not start");
        return 0;
    }
    if (setjmp(png_jmpbuf(reader->png))) {
        return 0;
    }
    png_set_read_fn(reader->png, &reader->source, logit_png_read_bytes);
    // Bounds on what ancillary chunks may cost (a compressed text or ICC
    // chunk can inflate without limit): 8 MB per chunk, 1000 chunks.
    png_set_chunk_malloc_max(reader->png, 8 * 1024 * 1024);
    png_set_chunk_cache_max(reader->png, 1000);
    png_read_info(reader->png, reader->info);
    reader->width = png_get_image_width(reader->png, reader->info);
    reader->height = png_get_image_height(reader->png, reader->info);
    reader->bit_depth = png_get_bit_depth(reader->png, reader->info);
    reader->color_type = png_get_color_type(reader->png, reader->info);
    if (reader->bit_depth == 16) {
        png_set_strip_16(reader->png);
    }
    if (reader->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(reader->png);
    }
    if (reader->color_type == PNG_COLOR_TYPE_GRAY && reader->bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(reader->png);
    }
    if (png_get_valid(reader->png, reader->info, PNG_INFO_tRNS) && reader->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_tRNS_to_alpha(reader->png);
    }
    png_set_strip_alpha(reader->png);
    png_set_interlace_handling(reader->png);
    png_read_update_info(reader->png, reader->info);
    reader->channels = png_get_channels(reader->png, reader->info);
    reader->row_bytes = png_get_rowbytes(reader->png, reader->info);
    return 1;
}

/// Decodes every row into `out` (height × row_bytes bytes). Returns 1, or 0
/// with `message` set.
static inline int logit_png_read(logit_png_reader *reader, unsigned char *out) {
    if (setjmp(png_jmpbuf(reader->png))) {
        return 0;
    }
    reader->rows = (png_bytepp)malloc(sizeof(png_bytep) * (reader->height ? reader->height : 1));
    if (!reader->rows) {
        strcpy(reader->message, "out of memory");
        return 0;
    }
    for (unsigned int y = 0; y < reader->height; y++) {
        reader->rows[y] = out + (size_t)y * reader->row_bytes;
    }
    png_read_image(reader->png, reader->rows);
    return 1;
}

/// Frees everything `logit_png_open` and `logit_png_read` allocated.
static inline void logit_png_close(logit_png_reader *reader) {
    if (reader->png) {
        png_destroy_read_struct(&reader->png, reader->info ? &reader->info : NULL, NULL);
    }
    free(reader->rows);
    reader->rows = NULL;
}

#endif
