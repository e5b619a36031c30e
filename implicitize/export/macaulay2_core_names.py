"""Every identifier Macaulay2's ``Core`` package binds, as data generated from Macaulay2 itself.

A ring variable spelled like one of these would shadow (or fail to rebind) a name the exported script
or the reader's own session relies on, so :func:`~implicitize.export.macaulay2.macaulay2_name` refuses
them all. The list was printed by Macaulay2 1.21 with::

    M2 --script names.m2   # names.m2: scan(sort apply(keys Core.Dictionary, toString), k -> << k << endl)

keeping the names that can be identifiers (a letter, then letters, digits or primes); operators and the
``Core$…`` qualified spellings are left out. ``tests/implicitize/test_macaulay2_core_names.py`` checks
it against the installed Macaulay2 when there is one.
"""

from __future__ import annotations

#: The Macaulay2 version the list below was generated with.
MACAULAY2_VERSION = "1.21"

#: The identifiers ``keys Core.Dictionary`` lists in that version (1228 names).
CORE_NAMES = frozenset(
    """
Acknowledgement AdditionalPaths Adjacent AffineVariety AfterEval AfterNoPrint AfterPrint Algorithm Alignment
AngleBarList Array Ascending AssociativeExpression Authors AuxiliaryFiles Bag Bareiss BaseFunction BaseRow
BasicList BasisElementLimit Bayer BeforePrint BesselJ BesselY Beta BettiTally Binary BinaryOperation Binomial
Body Boolean Boxes CC CC' CacheExampleOutput CacheFunction CacheTable CallLimit CatalanConstant Caveat Center
Certification ChainComplex ChainComplexMap ChangeMatrix CheckDocumentation ClosestFit CodimensionLimit
CoefficientRing Cofactor CoherentSheaf Command CompiledFunction CompiledFunctionBody CompiledFunctionClosure
Complement CompleteIntersection ComplexField Configuration Consequences Constant Constants Contributors
Database Date DebuggingMode Decompose Default Degree DegreeGroup DegreeLift DegreeLimit DegreeMap DegreeOrder
DegreeRank Degrees Dense Density Descending Descent Describe Description Dictionary Digamma Dispatch Divide
DivideConquer DocumentTag Down Dynamic EXAMPLE Eliminate Email End Engine EngineRing Equation EulerConstant
ExampleFiles Exclude Expression Ext Fano FastNonminimal File FileName FilePosition FindOne First FlatMonoid
Flexible FollowLinks Format FractionField Function FunctionApplication FunctionBody FunctionClosure GBDegrees
GCstats GF GLex GRevLex GaloisField Gamma GeneralOrderedMonoid GenerateAssertions Generic Global
GlobalAssignHook GlobalDictionary GlobalHookStore GlobalReleaseHook GradedModule GradedModuleMap Grassmannian
GroebnerBasis GroebnerBasisOptions GroupLex GroupRevLex HH HardDegreeLimit HashTable HeaderType Heading
Headline Heft Height Hermitian Hilbert Holder Hom HomePage Homogeneous Homogeneous2 HorizontalSpace Ideal
IgnoreExampleErrors ImmutableType IndeterminateNumber IndexedVariable IndexedVariableTable InexactField
InexactFieldFamily InexactNumber InexactNumber' InfiniteNumber InfoDirSection Inhomogeneous Inputs
InstallPrefix Intersection InverseMethod Inverses Invertible Iterate Iterator Jacobian Join Jupyter KeepFiles
KeepZeroes Key Keyword Keywords LUdecomposition Layout Left LengthLimit Lex Limit Linear LinearAlgebra List
LoadDocumentation Local LocalDictionary LongPolynomial LowerBound MakeDocumentation MakeHTML MakeInfo
MakeLinks MakePDF Manipulator MapExpression Matrix MatrixExpression MaxReductionCount MaximalRank
MethodFunction MethodFunctionBinary MethodFunctionSingle MethodFunctionWithOptions MinimalGenerators
MinimalMatrix Minimize MinimumVersion Minus Module Monoid MonoidElement Monomial MonomialIdeal MonomialOrder
MonomialSize Monomials MultigradedBettiTally MutableHashTable MutableList MutableMatrix NCLex Name Net NetFile
NewFromMethod NewMethod NewOfFromMethod NewOfMethod NoPrint NonAssociativeProduct Nothing Number
NumberedVerticalList OO OneExpression Option OptionTable OptionalComponentsPresent Options Order OrderedMonoid
OutputDictionary Outputs POSIX Package PackageDictionary PackageExports PackageImports PairLimit
PairsRemaining Parenthesize Partition PolynomialRing Position Postfix Power Precision Prefix PrimaryTag
PrimitiveElement Print Product ProductOrder Program ProgramRun Proj Projective ProjectiveHilbertPolynomial
ProjectiveVariety Prune Pseudocode QQ QRDecomposition Quotient QuotientRing RR RR' RRi RRi' RaiseError Range
RealField Reduce References Reload RemakeAllDocumentation RerunExamples Resolution Result RevLex Reverse Right
Ring RingElement RingFamily RingMap RowExpression RunDirectory RunExamples SPACE SVD SYNOPSIS Schubert
ScriptedFunctor SeeAlso SelfInitializingType SeparateExec Sequence Set SheafExpression SheafOfRings SizeLimit
SkewCommutative Sort SortStrategy SourceCode SourceRing SparseMonomialVectorExpression SparseVectorExpression
Spec Standard StopBeforeComputation StopIteration StopWithMinimalGenerators Strategy String Subnodes
SubringLimit Subscript Sugarless Sum SumOfTwists Superscript Symbol SymbolBody Syzygies SyzygyLimit
SyzygyMatrix SyzygyRows TEST Table Tally Task TeXmacs Test TestInput Thing Time Tor Toric Torsion TotalPairs
Truncate Type TypicalValue URL Undo Unique Unmixed Up UpdateOnly UpperTriangular Usage UseCachedExampleOutput
UseHilbertFunction UseSyzygies UserMode Variable VariableBaseName Variables Variety Vector VectorExpression
Verbose Verbosity Verify Version VerticalList VerticalSpace VirtualTally VisibleList WebApp Weights
WeylAlgebra Wrap WrapperType ZZ ZeroExpression about abs accumulate acos acosh acot acoth addCancelTask
addDependencyTask addEndFunction addHook addStartFunction addStartTask adjoint adjoint' agm alarm all
allowableThreads ambient ancestor ancestors and ann annihilator antipode any append applicationDirectory
applicationDirectorySuffix apply applyKeys applyPairs applyTable applyValues apropos argument ascii asin asinh
assert atEndOfFile atan atan2 atanh autoload backtrace baseFilename baseName baseRing baseRings basis
beginDocumentation benchmark betti between binomial blockMatrixForm borel break cache cacheValue cancelTask
capture catch ceiling centerString chainComplex changeBase char characters check chi class clean clearAll
clearEcho clearOutput close closeIn closeOut code codim coefficient coefficientRing coefficients cohomology
coimage coker cokernel collectGarbage columnAdd columnMult columnPermute columnRankProfile columnSwap
columnate combine commandInterpreter commandLine commonRing commonest comodule compactMatrixForm complement
complete components compose compositions compress concatenate cone conjugate connectionCount content continue
contract contract' copy copyDirectory copyFile copyright cos cosh cot cotangentSheaf coth cover coverMap
cpuTime createTask csc csch current currentColumnNumber currentDirectory currentFileDirectory currentFileName
currentLayout currentPackage currentPosition currentRowNumber currentString currentTime dd debug debugError
debugLevel debuggingMode decompose deepSplice default defaultPrecision degree degreeGroup degreeLength degrees
degreesMonoid degreesRing delete demark denominator depth describe det determinant diagonalMatrix diameter
dictionary dictionaryPath diff diff' difference dim directSum disassemble dismiss divideByVariable do document
drop dual eagonNorthcott echoOff echoOn edit eigenvalues eigenvectors eint elapsedTime elapsedTiming elements
else end endPackage endl engineDebugLevel entries environment erase erf erfc error errorDepth euler eulers
even examples exec exit exp expm1 exponents export exportFrom exportMutable expression extend exteriorPower
factor false fileDictionaries fileExecutable fileExists fileExitHooks fileLength fileMode fileReadable
fileTime fileWritable fillMatrix findFiles findHeft findProgram findSynonyms first firstkey fittingIdeal
flagLookup flatten flattenRing flip floor flush fold for forceGB fork format formation frac fraction frames
from functionBody gb gbRemove gbSnapshot gbTrace gcd gcdCoefficients genera generateAssertions generator
generators genericMatrix genericSkewMatrix genericSymmetricMatrix gens genus get getChangeMatrix
getGlobalSymbol getNetFile getNonUnit getPrimeWithRootOfUnity getSymbol getWWW getc getenv global globalAssign
globalAssignFunction globalAssignment globalAssignmentHooks globalReleaseFunction gradedModule gradedModuleMap
graphIdeal graphRing groebnerBasis groupID handleInterrupts hash hashTable heft height help hh hilbertFunction
hilbertPolynomial hilbertSeries hold homeDirectory homogenize homology homomorphism homomorphism' hooks
horizontalJoin html httpHeaders hypertext id ideal identity if ii image imaginaryPart importFrom in
incomparable independentSets indeterminate index indexComponents indices inducedMap inducesWellDefinedMap
infinity info infoHelp input insert installAssignmentMethod installHilbertFunction installMethod
installPackage installedPackages instance instances integrate interpreterDepth intersect intersection interval
inverse inverseErf inversePermutation inverseRegularizedBeta inverseRegularizedGamma
irreducibleCharacteristicSeries isANumber isAffineRing isBorel isCanceled isCommutative isConstant isDirectSum
isDirectory isEmpty isField isFinite isFinitePrimeField isFreeModule isGlobalSymbol isHomogeneous isIdeal
isInfinite isInjective isInputFile isIsomorphism isListener isMember isModule isMonomialIdeal isOpen
isOutputFile isPolynomialRing isPrime isPrimitive isPseudoprime isQuotientModule isQuotientOf isQuotientRing
isReady isReal isRegularFile isRing isSkewCommutative isSorted isSquareFree isSubmodule isSubquotient isSubset
isSurjective isTable isUnit isWellDefined isWeylAlgebra iterator jacobian join ker kernel keys kill koszul
last lastMatch lcm leadCoefficient leadComponent leadMonomial leadTerm left length lift liftable limitFiles
limitProcesses lineNumber lines linkFile list listForm listLocalSymbols listSymbols listUserSymbols lngamma
load loadDepth loadPackage loadedFiles loadedPackages local localDictionaries locate log log1p lookup
lookupCount makeDirectory makeDocumentTag makePackageIndex map markedGB match mathML matrix max
maxAllowableThreads maxExponent maxPosition member memoize memoizeClear memoizeValues merge mergePairs method
methodOptions methods midpoint min minExponent minPosition minPres mingens mingle minimalBetti
minimalPresentation minimalPresentationMap minimalPresentationMapInv minimizeFilename minors minus mkdir mod
module modulo monoid monomialCurveIdeal monomialIdeal monomialSubideal monomials moveFile multidegree
multigraded mutable mutableIdentity mutableMatrix nanosleep needs needsPackage net netList new newClass
newCoordinateSystem newNetFile newPackage newRing newline next nextPrime nextkey norm not notImplemented
notify null nullSpace nullaryMethods nullhomotopy numColumns numRows number numcols numerator numeric
numericInterval numgens numrows odd of ofClass on oo ooo oooo openDatabase openDatabaseOut openFiles openIn
openInOut openListener openOut openOutAppend operatorAttributes options or order override pack package pad
pager pairs parent part partition partitions parts path pdim peek peek' permanents permutations pfaffians pi
pivots plus poincare poincareN polarize position positions power powermod precision prefixDirectory prefixPath
preimage prepend presentation pretty print printString printWidth printerr printingAccuracy printingLeadLimit
printingPrecision printingSeparator printingTimeLimit printingTrailLimit processID product profile
profileSummary programPaths projectiveHilbertPolynomial promote protect prune pruningMap pseudoRemainder
pseudocode pushForward quit quotient quotient' quotientRemainder quotientRemainder' random
randomKRationalPoint randomMutableMatrix rank read readDirectory readPackage readlink realPart realpath
recursionDepth recursionLimit reduceHilbert reducedRowEchelonForm regex regexQuote registerFinalizer
regularity regularizedBeta regularizedGamma relations relativizeFilename remainder remainder' remove
removeDirectory removeFile reorganize replace res reshape resolution restart return returnCode reverse right
ring rootPath rootURI roots rotate round rowAdd rowMult rowPermute rowRankProfile rowSwap rsort run runHooks
runLengthEncode runProgram same saturate scan scanKeys scanLines scanPairs scanValues schedule schreyerOrder
scriptCommandLine searchPath sec sech seeParsing select selectInSubring selectVariables separate
separateRegexp sequence serialNumber set setEcho setGroupID setIOExclusive setIOSynchronized
setIOUnSynchronized setRandomSeed setup setupEmacs sheaf sheafExt sheafHom shield show showClassStructure
showHtml showStructure showTex showUserStructure sin singularLocus sinh size size2 sleep smithNormalForm solve
someTerms sort sortColumns source span splice splitWWW sqrt stack standardForm standardPairs stashValue status
stderr stdio step stopIfError sub sublists submatrix submatrix' submatrixByDegrees subquotient subscript
subsets substitute substring subtable sum super superscript support switch symbol symbolBody symlinkDirectory
symlinkFile symmetricAlgebra symmetricPower synonym syz syzygyScheme table take tally tan tangentSheaf tanh
target taskResult temporaryFileName tensor tensorAssociativity terms tests tex texMath then threadVariable
throw time times timing to toAbsolutePath toCC toExternalString toField toList toLower toRR toRRi toSequence
toString toUpper topCoefficients topLevelMode trace transpose trim true truncate truncateOutput try tutorial
typicalValues ultimate unbag uncurry undocumented uniform uninstallAllPackages uninstallPackage unique
uniquePermutations unsequence unstack use userSymbols utf8 utf8check utf8substring value values variety vars
vector version viewHelp wait wedgeProduct weightRange when while width wrap xor youngest zero zeta
""".split()
)
