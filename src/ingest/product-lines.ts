/**
 * Product line codes inside FlexNet feature names (`85730ACD_2012_0F` holds
 * the code ACD) and the product each names. The table is
 * ../shared/data/real/product-line-codes.tsv (derived from the vendor's token
 * export, MIT), embedded verbatim as data so the pure core needs no file
 * access; a test checks it still equals that file. Users add or override
 * codes with `productCodes` (`--product-codes FILE` on the command line).
 */
export const PRODUCT_LINE_CODES_TSV = `productLineCode	productName
3DSMAX	3ds Max
3DSMXS	Autodesk 3ds Max with Softimage
A250	Flame
A350	Flame Assist
A400	Flare
ACAD_E	AutoCAD Electrical
ACD	AutoCAD
ACDLAND	Autodesk Land Desktop
ACDLT	AutoCAD LT
ACDLTM	AutoCAD LT for Mac
ACDMAC	AutoCAD for Mac
ACMPAN	Helius PFA
ACMPDS	Helius Composite
ADKVRD	VRED
ADSTCP	Autodesk Advance Concrete
ADSTPR	Autodesk Advance Steel
ADTRPVR	CAiCE Visual Roads
ADTRPVSR	CAiCE Visual Survey & Roads
ALAUST	Autodesk Alias AutoStudio
ALSK	Autodesk SketchBook Designer
ALSSF	Autodesk Alias SpeedForm
AMECH_PP	AutoCAD Mechanical
AQTO	Autodesk Quantity Takeoff
ARCHDESK	AutoCAD Architecture
ARDES	AutoCAD Raster Design
ASMES	Simulation Mechanical
ASPACD	Autodesk AutoCAD with Advance Steel
ASPRO	Autodesk Simulation Multiphysics
AUTOST	Alias Automotive
BDSADV	Building Design Suite Ultimate
BDSS	Building Design Suite Standard
BLDSYS	AutoCAD MEP
BRDGMD	Autodesk Bridge Module
C300	Burn
CADMEP	Fabrication CADmep
CAMDCT	Fabrication CAMduct
CIV3D	AutoCAD Civil 3D
CIVIL	AutoCAD Civil
COLLRVT	Autodesk Collaboration for Revit - Single User
DCMVRD	Autodesk Display Cluster Module for Autodesk VRED Design
DESNST	Alias Design
DYNSTD	Autodesk Dynamo Studio
ECOA	Autodesk Ecotect Analysis
ECSCAD	Autodesk AutoCAD ecscad
EGLPRM	EAGLE - Premium
ESTMEP	Fabrication ESTmep
F360PRO	Fusion 360 - Ultimate
FCAMP	FeatureCAM - Premium
FCAMS	FeatureCAM - Standard
FCAMU	FeatureCAM - Ultimate
FCMPLH	N/A
FCMSLH	N/A
FCMULH	FeatureCAM - Ultimate - license holder
FDSADV	Factory Design Suite Ultimate
FDSPRM	Factory Design Suite Premium
FDU	Autodesk Factory Design Utilities
FORMIT	FormIt Pro
GEOMOD	Autodesk Geotechnical Module
HSMPRM	HSMWorks - Ultimate
HSMULT	HSM - Ultimate
IDSP	Infrastructure Design Suite Premium
INFMDR	Autodesk InfraWorks
INHSMP	Inventor HSM - Ultimate
INVBUN	AutoCAD Inventor Suite
INVETO	Inventor Engineer-to-Order Series
INVHSM	Inventor HSM - Premium
INVLT	Inventor LT
INVLTS	AutoCAD Inventor LT Suite
INVNTOR	Inventor
INVPRO	AutoCAD Inventor Professional Suite
INVPROSA	Inventor Professional
INVPROSIM	AutoCAD Inventor Simulation Suite
INVPUB	Autodesk Inventor Publisher
IW360P	InfraWorks
K100	Lustre
LDXSP	LANDXPLORER STUDIO PROFESSIONAL
LIVE	Revit Live
LSTRSR	Lustre ShotReactor
MAP	AutoCAD Map 3D
MAXDES	3DS Max Design
MAYA	Maya
MAYAIO	MAYA I/O
MBXPRO	Mudbox
MFAA	Moldflow Adviser Ultimate
MFAM	Moldflow Adviser Premium
MFCD	CADdoctor for Simulation
MFDL	Autodesk Simulation Moldflow Design Link
MFGDEXUTLP	Manufacturing Data Exchange Utility - Premium
MFGPPUTL	Manufacturing Post Processor Utility
MFIA	Moldflow Insight Ultimate
MFIAT	Moldflow Insight - Ultimate Token Flex
MFIB	Moldflow Insight Standard
MFIP	Moldflow Insight Premium
MFS	Moldflow Synergy
MFST	Moldflow Synergy - Token Flex
MMNTO	ReMake
MOBPRO	MotionBuilder
NAVMAN	Navisworks Manage
NAVREV	Navisworks Review
NAVSIM	Navisworks Simulate
NETFA	Netfabb - Premium
NETFE	Netfabb - Ultimate
NINCAD	Autodesk Nastran In-CAD
NTFABLS	Netfabb Local Simulation
OSPRO	Autodesk Opticore Studio Professional
PCEASY	Productstream Professional EASY
PCOFFI	Vault Office
PCPRO	Productstream Professional PRO
PDSP	Product Design Suite Premium
PDSS	Product Design Suite Standard
PDSU	Product Design Suite Ultimate
PLC0000023	SimStudio Tools
PLNT3D	AutoCAD Plant 3D
PMAKER	PartMaker
PMPLHD	PowerMill - Premium - license holder
PMSLHD	PowerMill - Standard - license holder
PMULHD	PowerMill - Ultimate - license holder
PNID	AutoCAD P&ID
PNTLAY	Point Layout
PWIPLH	PowerInspect - Premium - license holder
PWIULH	PowerInspect - Ultimate - license holder
PWRMMOD	PowerMill Modelling
PWRMP	PowerMill - Premium
PWRMS	PowerMill - Standard
PWRMU	PowerMill - Ultimate
PWRSP	PowerShape - Premium
PWRSS	PowerShape - Standard
PWSPLH	PowerShape - Premium - license holder
PWSULH	PowerShape - Ultimate - license holder
RAVS	AutoCAD Revit Architecture Visualization Suite
RCMVRD	VRED Render Node
RECAP	ReCap Pro
REVIT	Autodesk Revit Architecture
REVITS	Autodesk AutoCAD Revit Architecture Suite
REVITST	Autodesk Revit Structure
REVSU	Autodesk AutoCAD Revit Structure Suite
REVSYP	Autodesk AutoCAD Revit MEP Suite
RFAMOD	Autodesk River and Flood Analysis Module
RSA	Autodesk Robot Structural Analysis
RSAPRO	Robot Structural Analysis Professional
RVT	Revit
RVTLT	Revit LT
RVTMPB	Autodesk Revit MEP
RVTMPJ	Autodesk Revit MEP-J
SBPNL	SketchBook – for Enterprise
SBRDES	Autodesk Structural Bridge Design
SCDSE	Autodesk CFD Design Study Environment
SCFD	Autodesk CFD
SCFDA	Autodesk CFD - Premium
SCFDM	Autodesk CFD - Ultimate
SCFDNX	Autodesk CFD Connection for NX
SCFDP	Autodesk CFD Connection for Parasolid
SCPROE	Autodesk CFD Connection for Pro/ENGINEER
SFTIM	Softimage
SFTIMA	Autodesk Softimage Advanced
SHOWCASE	Showcase
SHOWPRO	Autodesk Showcase Professional
SIMDFM	Moldflow Design
STNGRAY	Stingray
STRDET	Autodesk AutoCAD Structural Detailing
STUWAL	Autodesk Studio Wall
SURFST	Alias Surface
TNNUINV	Nesting Utility
TSPRHN	T-Splines Plug-in for Rhino
UTLDESN	Autodesk AutoCAD Utility Design
VEHTRK	Autodesk Vehicle Tracking
VLTC	Autodesk Vault Collaboration
VLTEAD	Enterprise Add-on for Vault
VLTM	Vault Professional
VLTWG	Vault Workgroup
VRDDES	VRED Design
VRDPRO	VRED Professional
VRDPRS	VRED Presenter
VRDSRV	VRED Server
WTGTWY	Wiretap Gateway
WTHNLBS	Autodesk Within
`;

/** The shipped table as code -> product name. */
export const PRODUCT_LINE_CODES: Readonly<Record<string, string>> = Object.freeze(
  parseCodeTable(PRODUCT_LINE_CODES_TSV),
);

/** Reads `code<TAB>name` lines, skipping the `productLineCode` header and blank lines. */
export function parseCodeTable(tsv: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of tsv.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab <= 0 || line.startsWith('productLineCode')) continue;
    out[line.slice(0, tab).trim().toUpperCase()] = line.slice(tab + 1).trim();
  }
  return out;
}
