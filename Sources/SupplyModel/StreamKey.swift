/// Derives the random-stream entity of a named thing from its name, not its position.
///
/// FNV-1a over the UTF-8 bytes: stable across processes and platforms (unlike `hashValue`), so
/// inserting, removing or reordering SKUs never changes another SKU's draws.
public enum StreamKey {
  /// The 64-bit FNV-1a hash of `name`, optionally salted with a namespace such as a node id.
  public static func entity(_ name: String, namespace: String = "") -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in namespace.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
    for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return h
  }
}
