// The library is compiled with SkipLocalsInit; LibraryRouter, which mirrors the client's routing code, must be too, or the
// benchmark would charge the library for zeroing stack buffers that the real client does not zero.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
