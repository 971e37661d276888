"""Upload handling: big uploads go to disk, and never more than a hard limit of them.

Django keeps an upload up to FILE_UPLOAD_MAX_MEMORY_SIZE in memory and spools a bigger one to a
temporary file. `CappedTemporaryFileUploadHandler` spools too, but stops writing after
FILE_UPLOAD_HARD_LIMIT bytes: the rest is received and dropped, and the file keeps its real
`size`. So a 1 GB upload costs neither memory nor a gigabyte of disk, and the import that gets it
still refuses it by its size with a clear message (wijknet/core/imports.py), before reading.
"""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.written = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.FILE_UPLOAD_HARD_LIMIT - self.written
        if room > 0:
            part = raw_data[:room]
            self.file.write(part)
            self.written += len(part)
        return None  # this is the last handler: nothing is passed on

    def file_complete(self, file_size):
        file = super().file_complete(file_size)
        file.size = file_size  # the size received, also when not all of it was kept
        return file
