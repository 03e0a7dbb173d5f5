/// The Okabe–Ito colours, distinguishable with the common forms of colour blindness.
///
/// - SeeAlso: M. Okabe and K. Ito (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/
public enum ChartPalette {
  /// Black.
  public static let black = "#000000"
  /// Orange.
  public static let orange = "#E69F00"
  /// Sky blue.
  public static let skyBlue = "#56B4E9"
  /// Bluish green.
  public static let bluishGreen = "#009E73"
  /// Yellow.
  public static let yellow = "#F0E442"
  /// Blue.
  public static let blue = "#0072B2"
  /// Vermillion.
  public static let vermillion = "#D55E00"
  /// Reddish purple.
  public static let reddishPurple = "#CC79A7"
  /// Neutral grey for axes, grids and shading (not a data colour).
  public static let grey = "#6E7781"

  /// Colours for categorical series, in order of use (yellow last: it is faint on white).
  public static let series = [blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, black, yellow]

  /// The colour of series `i`, cycling through `series`.
  public static func color(_ i: Int) -> String { series[((i % series.count) + series.count) % series.count] }

  /// Black or white, whichever reads better on the background `hex` ("#RRGGBB").
  public static func textColor(on hex: String) -> String {
    let digits = Array(hex.unicodeScalars.dropFirst())
    guard digits.count == 6 else { return black }
    func channel(_ i: Int) -> Double {
      Double(Int(String(String.UnicodeScalarView(digits[i..<(i + 2)])), radix: 16) ?? 0) / 255
    }
    let luminance = 0.299 * channel(0) + 0.587 * channel(2) + 0.114 * channel(4)
    return luminance > 0.55 ? black : "#FFFFFF"
  }
}
