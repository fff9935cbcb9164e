import Foundation
import PrakerjaCLI

exit(await CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
