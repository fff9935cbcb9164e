import Foundation
import PrakerjaCLI

exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
