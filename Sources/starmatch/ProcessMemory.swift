#if canImport(Glibc)
import Glibc
#endif

/// How a one-shot command's freed memory is kept for reuse.
enum ProcessMemory {
    /// Keeps large freed blocks in the process's heap for the next allocation instead of handing them back to the
    /// kernel. glibc serves a block above its mmap threshold (which it adapts up to 32 MiB) from a fresh mapping,
    /// unmapped again when freed, so the weekly batch's solver graph — rebuilt every round, about 400 MB at 1M
    /// creators × 10,000 campaigns — was faulted in and zeroed by the kernel page by page in every round
    /// (`mallopt(3)`: `M_MMAP_THRESHOLD` 1 GiB, `M_TRIM_THRESHOLD` 2 GiB). For commands that exit when done, never
    /// for a server, which should give memory back. Elsewhere than glibc it does nothing.
    static func keepFreedMemoryForReuse() {
        #if canImport(Glibc)
        // `int mallopt(int, int)` is declared in `<malloc.h>`, which Swift's Glibc module leaves out: found by name
        // and called as the C function it is. `M_TRIM_THRESHOLD` is −1 and `M_MMAP_THRESHOLD` −3 there.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 1 << 30)
        _ = mallopt(-1, Int32.max)
        #endif
    }
}
