// libjpeg-turbo (Debian: libjpeg62-turbo-dev) behind a two-step reader. libjpeg's
// default error_exit calls exit(); here it copies the message and longjmps to
// the setjmp of the C function that is running, which returns 0, so no jump
// ever crosses a Swift frame and bad input never ends the process. A premature
// end of data, only a warning for libjpeg, is an error here (as in Pillow).
#ifndef LOGIT_CJPEG_SHIM_H
#define LOGIT_CJPEG_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} logit_jpeg_error;

typedef struct {
    struct jpeg_decompress_struct info;
    logit_jpeg_error error;
    struct jpeg_progress_mgr progress;
    int created;
    /// From the frame header, before any pixel is allocated.
    unsigned int width;
    unsigned int height;
    int components;
    /// The J_COLOR_SPACE of the file (4 = CMYK, 5 = YCCK).
    int color_space;
    int progressive;
    char message[JMSG_LENGTH_MAX];
} logit_jpeg_reader;

static void logit_jpeg_error_exit(j_common_ptr info) {
    logit_jpeg_error *error = (logit_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static void logit_jpeg_emit_message(j_common_ptr info, int level) {
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) {
        logit_jpeg_error_exit(info);
    }
}

/// A progressive file may hold any number of scans, each a pass over the whole
/// image: a small file could cost minutes. More than 1000 scans is refused
/// (libjpeg-turbo's djpeg offers the same bound as -maxscan).
static void logit_jpeg_progress(j_common_ptr info) {
    if (info->is_decompressor) {
        j_decompress_ptr decompress = (j_decompress_ptr)info;
        if (decompress->input_scan_number > 1000) {
            logit_jpeg_error *error = (logit_jpeg_error *)info->err;
            snprintf(error->message, sizeof(error->message), "more than 1000 progressive scans");
            longjmp(error->jump, 1);
        }
    }
}

/// Reads the headers. Returns 1, or 0 with `message` set.
static inline int logit_jpeg_open(logit_jpeg_reader *reader, const unsigned char *data, unsigned long size) {
    memset(reader, 0, sizeof(*reader));
    reader->info.err = jpeg_std_error(&reader->error.manager);
    reader->error.manager.error_exit = logit_jpeg_error_exit;
    reader->error.manager.emit_message = logit_jpeg_emit_message;
    if (setjmp(reader->error.jump)) {
        memcpy(reader->message, reader->error.message, sizeof(reader->message));
        return 0;
    }
    jpeg_create_decompress(&reader->info);
    reader->created = 1;
    reader->progress.progress_monitor = logit_jpeg_progress;
    reader->info.progress = &reader->progress;
    jpeg_mem_src(&reader->info, data, size);
    jpeg_read_header(&reader->info, TRUE);
    reader->width = reader->info.image_width;
    reader->height = reader->info.image_height;
    reader->components = reader->info.num_components;
    reader->color_space = (int)reader->info.jpeg_color_space;
    reader->progressive = reader->info.progressive_mode ? 1 : 0;
    return 1;
}

/// Decodes into `out` (height × width × `want` bytes): grey when `want` is 1
/// (a YCbCr file gives its Y channel), else RGB; `channels` receives the
/// count libjpeg produced. Returns 1, or 0 with `message` set.
static inline int logit_jpeg_read(logit_jpeg_reader *reader, unsigned char *out, int want, int *channels) {
    if (setjmp(reader->error.jump)) {
        memcpy(reader->message, reader->error.message, sizeof(reader->message));
        return 0;
    }
    reader->info.out_color_space = want == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&reader->info);
    *channels = reader->info.output_components;
    size_t stride = (size_t)reader->info.output_width * (size_t)reader->info.output_components;
    while (reader->info.output_scanline < reader->info.output_height) {
        JSAMPROW row = out + (size_t)reader->info.output_scanline * stride;
        jpeg_read_scanlines(&reader->info, &row, 1);
    }
    jpeg_finish_decompress(&reader->info);
    return 1;
}

/// Frees the decoder.
static inline void logit_jpeg_close(logit_jpeg_reader *reader) {
    if (reader->created) {
        jpeg_destroy_decompress(&reader->info);
        reader->created = 0;
    }
}

#endif
