package demo

// occupation is one job with the ways people write its title. The first
// variant is the canonical one; the rest are synonyms, abbreviations and local
// language forms seen in job ads.
type occupation struct {
	field    string
	variants []string
	skills   []string // for generated descriptions
}

// occupations is the demo vocabulary: our own list, written for jobmatch (not
// taken from ESCO or O*NET), spread over fields so that the title space has
// clear clusters and some confusable neighbours (Java vs JavaScript, nurse vs
// nursing assistant).
var occupations = []occupation{
	// Software and data
	{"IT", []string{"Software Developer", "Software Engineer", "Programmer", "Softwareentwickler", "Développeur logiciel"}, []string{"code reviews", "automated tests", "CI pipelines"}},
	{"IT", []string{"Java Developer", "Java Engineer", "Java Backend Developer", "Java/Spring Developer"}, []string{"Java", "Spring Boot", "SQL"}},
	{"IT", []string{"JavaScript Developer", "Frontend Developer", "Front-End Engineer", "React Developer", "JS Developer"}, []string{"TypeScript", "React", "CSS"}},
	{"IT", []string{"Go Developer", "Golang Developer", "Golang Engineer", "Backend Engineer (Go)"}, []string{"Go", "PostgreSQL", "Kubernetes"}},
	{"IT", []string{"Python Developer", "Python Engineer", "Django Developer"}, []string{"Python", "Django", "REST APIs"}},
	{"IT", []string{"Full Stack Developer", "Fullstack Engineer", "Full-Stack Web Developer"}, []string{"TypeScript", "Node.js", "SQL"}},
	{"IT", []string{"Mobile Developer", "iOS Developer", "Android Developer", "App Developer"}, []string{"Swift", "Kotlin", "mobile UX"}},
	{"IT", []string{"DevOps Engineer", "Site Reliability Engineer", "SRE", "Platform Engineer"}, []string{"Kubernetes", "Terraform", "on-call"}},
	{"IT", []string{"Cloud Architect", "Solutions Architect", "AWS Architect"}, []string{"AWS", "cost control", "architecture reviews"}},
	{"IT", []string{"Data Scientist", "Machine Learning Engineer", "ML Engineer", "AI Engineer"}, []string{"Python", "statistics", "model evaluation"}},
	{"IT", []string{"Data Engineer", "Big Data Engineer", "ETL Developer"}, []string{"Spark", "Airflow", "data modelling"}},
	{"IT", []string{"Data Analyst", "Business Intelligence Analyst", "BI Analyst", "Reporting Analyst"}, []string{"SQL", "dashboards", "Excel"}},
	{"IT", []string{"Database Administrator", "DBA", "PostgreSQL DBA"}, []string{"backups", "query tuning", "replication"}},
	{"IT", []string{"System Administrator", "Sysadmin", "Linux Administrator", "Systemadministrator"}, []string{"Linux", "networking", "monitoring"}},
	{"IT", []string{"IT Support Specialist", "Helpdesk Technician", "IT Support", "Service Desk Agent", "1st Level Support"}, []string{"ticketing", "Windows", "user support"}},
	{"IT", []string{"Network Engineer", "Network Administrator", "Netzwerkadministrator"}, []string{"Cisco", "firewalls", "VPN"}},
	{"IT", []string{"Security Engineer", "Cyber Security Analyst", "Information Security Officer", "SOC Analyst"}, []string{"threat analysis", "SIEM", "ISO 27001"}},
	{"IT", []string{"QA Engineer", "Software Tester", "Test Automation Engineer", "QA Analyst"}, []string{"test plans", "Selenium", "regression testing"}},
	{"IT", []string{"Product Manager", "Product Owner", "PM (Product)"}, []string{"roadmaps", "user research", "prioritisation"}},
	{"IT", []string{"Project Manager IT", "IT Project Manager", "Scrum Master", "Agile Coach"}, []string{"Scrum", "stakeholder management", "Jira"}},
	{"IT", []string{"UX Designer", "UI/UX Designer", "Product Designer", "Interaction Designer"}, []string{"Figma", "prototyping", "usability tests"}},
	{"IT", []string{"SAP Consultant", "SAP Berater", "SAP FI/CO Consultant"}, []string{"SAP S/4HANA", "customising", "workshops"}},
	// Health and care
	{"Health", []string{"Registered Nurse", "Nurse", "Staff Nurse", "Gesundheits- und Krankenpfleger", "Pflegefachkraft", "Infirmier"}, []string{"patient care", "medication", "documentation"}},
	{"Health", []string{"Nursing Assistant", "Healthcare Assistant", "Care Assistant", "Pflegehelfer", "Aide-soignant"}, []string{"personal care", "mobility support", "vital signs"}},
	{"Health", []string{"Elderly Care Worker", "Altenpfleger", "Care Worker", "Support Worker"}, []string{"elderly care", "care plans", "empathy"}},
	{"Health", []string{"Physician", "Medical Doctor", "Doctor", "Assistenzarzt", "General Practitioner", "GP"}, []string{"diagnosis", "treatment plans", "ward rounds"}},
	{"Health", []string{"Pharmacist", "Apotheker", "Pharmacien"}, []string{"dispensing", "patient advice", "stock control"}},
	{"Health", []string{"Pharmacy Technician", "Pharmacy Assistant", "PTA"}, []string{"dispensing", "inventory", "customer service"}},
	{"Health", []string{"Physiotherapist", "Physical Therapist", "Physiotherapeut"}, []string{"rehabilitation", "manual therapy", "exercise plans"}},
	{"Health", []string{"Dental Assistant", "Dental Nurse", "Zahnmedizinische Fachangestellte", "ZFA"}, []string{"chairside support", "sterilisation", "scheduling"}},
	{"Health", []string{"Medical Assistant", "Medizinische Fachangestellte", "MFA", "Clinical Assistant"}, []string{"patient intake", "blood samples", "scheduling"}},
	{"Health", []string{"Midwife", "Hebamme", "Sage-femme"}, []string{"prenatal care", "deliveries", "postnatal visits"}},
	{"Health", []string{"Psychologist", "Clinical Psychologist", "Psychotherapist"}, []string{"assessment", "therapy", "case notes"}},
	{"Health", []string{"Paramedic", "Emergency Medical Technician", "EMT", "Notfallsanitäter"}, []string{"emergency care", "triage", "ambulance"}},
	// Hospitality and food
	{"Hospitality", []string{"Chef", "Head Chef", "Executive Chef", "Küchenchef", "Chef de cuisine"}, []string{"menu planning", "kitchen team", "food cost"}},
	{"Hospitality", []string{"Cook", "Line Cook", "Commis Chef", "Koch", "Cuisinier"}, []string{"food preparation", "HACCP", "mise en place"}},
	{"Hospitality", []string{"Kitchen Assistant", "Kitchen Porter", "Dishwasher", "Küchenhilfe"}, []string{"cleaning", "food prep", "teamwork"}},
	{"Hospitality", []string{"Waiter", "Waitress", "Server", "Kellner", "Servicekraft", "Serveur"}, []string{"table service", "POS", "guest care"}},
	{"Hospitality", []string{"Bartender", "Barkeeper", "Barista", "Mixologist"}, []string{"cocktails", "cash handling", "stock"}},
	{"Hospitality", []string{"Hotel Receptionist", "Front Desk Agent", "Rezeptionist", "Front Office Agent"}, []string{"check-in", "reservations", "guest service"}},
	{"Hospitality", []string{"Housekeeper", "Room Attendant", "Zimmermädchen", "Housekeeping Staff"}, []string{"room cleaning", "laundry", "attention to detail"}},
	{"Hospitality", []string{"Hotel Manager", "General Manager Hotel", "Hoteldirektor"}, []string{"P&L", "team leadership", "guest satisfaction"}},
	{"Hospitality", []string{"Baker", "Bäcker", "Boulanger", "Pastry Chef", "Konditor"}, []string{"dough", "ovens", "early shifts"}},
	// Sales, marketing, retail
	{"Sales", []string{"Sales Representative", "Sales Rep", "Account Executive", "Außendienstmitarbeiter", "Commercial"}, []string{"prospecting", "CRM", "negotiation"}},
	{"Sales", []string{"Key Account Manager", "KAM", "Account Manager"}, []string{"key accounts", "upselling", "contracts"}},
	{"Sales", []string{"Sales Manager", "Head of Sales", "Vertriebsleiter", "Sales Director"}, []string{"targets", "sales team", "forecasting"}},
	{"Sales", []string{"Inside Sales Representative", "Inside Sales", "Sales Development Representative", "SDR"}, []string{"cold calling", "lead qualification", "CRM"}},
	{"Sales", []string{"Customer Service Representative", "Customer Support Agent", "Call Center Agent", "Kundenberater", "Customer Care Advisor"}, []string{"phone support", "tickets", "complaint handling"}},
	{"Marketing", []string{"Marketing Manager", "Head of Marketing", "Marketingleiter", "Brand Manager"}, []string{"campaigns", "budget", "brand"}},
	{"Marketing", []string{"Marketing Assistant", "Marketing Coordinator", "Marketing Staff", "Marketing Executive"}, []string{"social media", "events", "newsletters"}},
	{"Marketing", []string{"Digital Marketing Specialist", "Online Marketing Manager", "Performance Marketing Manager", "SEM Specialist"}, []string{"Google Ads", "analytics", "A/B tests"}},
	{"Marketing", []string{"SEO Specialist", "SEO Manager", "SEO Consultant"}, []string{"keyword research", "technical SEO", "content"}},
	{"Marketing", []string{"Content Writer", "Copywriter", "Content Manager", "Texter"}, []string{"writing", "editing", "content strategy"}},
	{"Marketing", []string{"Social Media Manager", "Community Manager", "Social Media Specialist"}, []string{"Instagram", "community", "content calendar"}},
	{"Retail", []string{"Sales Assistant", "Retail Assistant", "Shop Assistant", "Verkäufer", "Verkäuferin", "Vendeur"}, []string{"customer advice", "till", "merchandising"}},
	{"Retail", []string{"Cashier", "Kassierer", "Checkout Operator", "Caissier"}, []string{"cash handling", "customer service", "accuracy"}},
	{"Retail", []string{"Store Manager", "Shop Manager", "Filialleiter", "Retail Store Manager"}, []string{"store KPIs", "staff planning", "visual merchandising"}},
	{"Retail", []string{"Merchandiser", "Visual Merchandiser", "Retail Merchandiser"}, []string{"displays", "planograms", "stock rotation"}},
	// Finance, legal, office
	{"Finance", []string{"Accountant", "Financial Accountant", "Buchhalter", "Comptable", "Bookkeeper"}, []string{"bookkeeping", "month-end close", "VAT"}},
	{"Finance", []string{"Financial Analyst", "Finance Analyst", "FP&A Analyst"}, []string{"forecasting", "Excel models", "reporting"}},
	{"Finance", []string{"Controller", "Financial Controller", "Controlling Specialist", "Controller (Finanzen)"}, []string{"budgeting", "variance analysis", "SAP"}},
	{"Finance", []string{"Auditor", "Internal Auditor", "External Auditor", "Wirtschaftsprüfer"}, []string{"audits", "IFRS", "risk assessment"}},
	{"Finance", []string{"Tax Advisor", "Tax Consultant", "Steuerberater", "Tax Manager"}, []string{"tax returns", "tax law", "client advice"}},
	{"Finance", []string{"Payroll Specialist", "Payroll Administrator", "Lohnbuchhalter"}, []string{"payroll", "social security", "DATEV"}},
	{"Finance", []string{"Bank Clerk", "Bank Teller", "Bankkaufmann", "Personal Banker"}, []string{"accounts", "customer advice", "compliance"}},
	{"Finance", []string{"Insurance Agent", "Insurance Broker", "Versicherungsmakler"}, []string{"policies", "client meetings", "claims"}},
	{"Legal", []string{"Lawyer", "Attorney", "Solicitor", "Rechtsanwalt", "Avocat", "Legal Counsel"}, []string{"contracts", "litigation", "legal advice"}},
	{"Legal", []string{"Paralegal", "Legal Assistant", "Rechtsanwaltsfachangestellte"}, []string{"case files", "deadlines", "legal research"}},
	{"Office", []string{"Office Manager", "Office Administrator", "Büroleiter"}, []string{"office organisation", "suppliers", "facilities"}},
	{"Office", []string{"Administrative Assistant", "Admin Assistant", "Office Assistant", "Bürokaufmann", "Secretary", "Assistant administratif"}, []string{"scheduling", "correspondence", "filing"}},
	{"Office", []string{"Executive Assistant", "Personal Assistant", "PA to CEO", "Assistenz der Geschäftsführung"}, []string{"diary management", "travel", "board meetings"}},
	{"Office", []string{"Receptionist", "Front Desk Receptionist", "Empfangskraft"}, []string{"visitors", "phones", "mail"}},
	{"Office", []string{"Data Entry Clerk", "Data Entry Operator", "Datenerfasser"}, []string{"typing", "accuracy", "spreadsheets"}},
	{"HR", []string{"HR Manager", "Human Resources Manager", "Personalleiter", "People Manager", "HR Business Partner"}, []string{"employee relations", "policies", "talent"}},
	{"HR", []string{"Recruiter", "Talent Acquisition Specialist", "Technical Recruiter", "Personalberater", "Recruitment Consultant"}, []string{"sourcing", "interviews", "ATS"}},
	{"HR", []string{"HR Generalist", "HR Assistant", "HR Administrator", "Personalsachbearbeiter"}, []string{"contracts", "onboarding", "HR records"}},
	// Engineering, trades, manufacturing
	{"Engineering", []string{"Mechanical Engineer", "Maschinenbauingenieur", "Design Engineer (Mechanical)", "Ingénieur mécanique"}, []string{"CAD", "FEA", "prototyping"}},
	{"Engineering", []string{"Electrical Engineer", "Elektroingenieur", "Electronics Engineer"}, []string{"circuit design", "PLC", "testing"}},
	{"Engineering", []string{"Civil Engineer", "Structural Engineer", "Bauingenieur"}, []string{"structural analysis", "site supervision", "AutoCAD"}},
	{"Engineering", []string{"Process Engineer", "Production Engineer", "Manufacturing Engineer", "Verfahrensingenieur"}, []string{"lean", "process optimisation", "root cause analysis"}},
	{"Engineering", []string{"Quality Engineer", "Quality Manager", "QA Manager (Manufacturing)", "Qualitätsmanager"}, []string{"ISO 9001", "audits", "8D reports"}},
	{"Engineering", []string{"Architect", "Architekt", "Project Architect", "Architecte"}, []string{"design", "BIM", "planning permission"}},
	{"Trades", []string{"Electrician", "Elektriker", "Elektroniker", "Électricien"}, []string{"installations", "safety checks", "wiring"}},
	{"Trades", []string{"Plumber", "Installateur", "Sanitär- und Heizungsinstallateur", "Plombier", "Pipefitter"}, []string{"pipework", "heating systems", "repairs"}},
	{"Trades", []string{"Carpenter", "Joiner", "Tischler", "Schreiner", "Menuisier"}, []string{"woodwork", "fitting", "power tools"}},
	{"Trades", []string{"Welder", "Schweißer", "Soudeur", "MIG Welder"}, []string{"MIG/MAG", "TIG", "blueprints"}},
	{"Trades", []string{"Mechanic", "Car Mechanic", "Auto Mechanic", "Kfz-Mechatroniker", "Mécanicien automobile"}, []string{"diagnostics", "servicing", "repairs"}},
	{"Trades", []string{"Painter and Decorator", "Painter", "Maler und Lackierer", "Peintre"}, []string{"surface prep", "painting", "wallpapering"}},
	{"Trades", []string{"Construction Worker", "Labourer", "Bauhelfer", "Site Worker"}, []string{"site work", "safety", "physical work"}},
	{"Trades", []string{"Roofer", "Dachdecker", "Couvreur"}, []string{"roofing", "working at height", "insulation"}},
	{"Trades", []string{"HVAC Technician", "Refrigeration Technician", "Kältetechniker", "Heating Engineer"}, []string{"HVAC", "maintenance", "F-gas"}},
	{"Manufacturing", []string{"Production Worker", "Machine Operator", "Produktionsmitarbeiter", "Opérateur de production", "Factory Worker"}, []string{"machines", "shift work", "quality checks"}},
	{"Manufacturing", []string{"CNC Machinist", "CNC Operator", "CNC-Fräser", "Zerspanungsmechaniker"}, []string{"CNC", "technical drawings", "measuring"}},
	{"Manufacturing", []string{"Maintenance Technician", "Industrial Mechanic", "Industriemechaniker", "Technicien de maintenance"}, []string{"preventive maintenance", "hydraulics", "troubleshooting"}},
	{"Manufacturing", []string{"Production Manager", "Plant Manager", "Produktionsleiter", "Shift Supervisor"}, []string{"OEE", "team leadership", "planning"}},
	// Logistics and transport
	{"Logistics", []string{"Warehouse Worker", "Warehouse Operative", "Lagerarbeiter", "Lagerist", "Préparateur de commandes", "Order Picker"}, []string{"picking", "packing", "scanners"}},
	{"Logistics", []string{"Forklift Driver", "Forklift Operator", "Staplerfahrer", "Cariste"}, []string{"forklift licence", "loading", "safety"}},
	{"Logistics", []string{"Truck Driver", "HGV Driver", "Lorry Driver", "LKW-Fahrer", "Berufskraftfahrer", "Chauffeur poids lourd"}, []string{"CE licence", "tachograph", "route planning"}},
	{"Logistics", []string{"Delivery Driver", "Courier", "Van Driver", "Auslieferungsfahrer", "Livreur"}, []string{"deliveries", "customer contact", "driving licence B"}},
	{"Logistics", []string{"Logistics Manager", "Supply Chain Manager", "Logistikleiter"}, []string{"supply chain", "KPIs", "carriers"}},
	{"Logistics", []string{"Dispatcher", "Transport Planner", "Disponent", "Logistics Coordinator"}, []string{"route planning", "TMS", "carrier contact"}},
	{"Logistics", []string{"Purchaser", "Buyer", "Procurement Specialist", "Einkäufer", "Acheteur"}, []string{"supplier negotiation", "purchase orders", "ERP"}},
	{"Logistics", []string{"Bus Driver", "Busfahrer", "Chauffeur de bus", "Coach Driver"}, []string{"passenger transport", "timetables", "licence D"}},
	// Education and social
	{"Education", []string{"Teacher", "School Teacher", "Secondary School Teacher", "Lehrer", "Professeur", "Enseignant"}, []string{"lesson planning", "classroom management", "assessment"}},
	{"Education", []string{"Primary School Teacher", "Grundschullehrer", "Elementary Teacher", "Professeur des écoles"}, []string{"early literacy", "parents", "lesson planning"}},
	{"Education", []string{"Kindergarten Teacher", "Early Years Educator", "Erzieher", "Nursery Nurse", "Educateur de jeunes enfants"}, []string{"early education", "play-based learning", "parents"}},
	{"Education", []string{"Teaching Assistant", "Classroom Assistant", "Schulbegleiter"}, []string{"pupil support", "small groups", "SEN"}},
	{"Education", []string{"English Teacher", "ESL Teacher", "EFL Teacher", "TEFL Teacher", "Englischlehrer"}, []string{"English", "lesson plans", "exams"}},
	{"Education", []string{"University Lecturer", "Lecturer", "Assistant Professor", "Wissenschaftlicher Mitarbeiter"}, []string{"teaching", "research", "publications"}},
	{"Social", []string{"Social Worker", "Sozialarbeiter", "Assistant social", "Case Worker"}, []string{"case management", "safeguarding", "families"}},
	// Misc services
	{"Services", []string{"Cleaner", "Cleaning Operative", "Reinigungskraft", "Agent d'entretien", "Janitor"}, []string{"cleaning", "hygiene", "reliability"}},
	{"Services", []string{"Security Guard", "Security Officer", "Sicherheitsmitarbeiter", "Agent de sécurité"}, []string{"patrols", "access control", "CCTV"}},
	{"Services", []string{"Hairdresser", "Hair Stylist", "Friseur", "Coiffeur"}, []string{"cutting", "colouring", "client care"}},
	{"Services", []string{"Gardener", "Landscaper", "Gärtner", "Jardinier", "Groundskeeper"}, []string{"planting", "lawn care", "machinery"}},
	{"Services", []string{"Real Estate Agent", "Estate Agent", "Immobilienmakler", "Agent immobilier", "Property Manager"}, []string{"viewings", "valuations", "contracts"}},
	{"Services", []string{"Translator", "Interpreter", "Übersetzer", "Traducteur"}, []string{"translation", "terminology", "CAT tools"}},
	{"Services", []string{"Graphic Designer", "Grafikdesigner", "Visual Designer", "Graphiste"}, []string{"Adobe CC", "branding", "layouts"}},
	{"Services", []string{"Photographer", "Fotograf", "Photographe"}, []string{"photo shoots", "editing", "lighting"}},
	{"Services", []string{"Consultant", "Management Consultant", "Unternehmensberater", "Business Consultant", "Strategy Consultant"}, []string{"analysis", "workshops", "presentations"}},
	{"Services", []string{"Event Manager", "Event Coordinator", "Eventmanager", "Event Planner"}, []string{"event planning", "vendors", "budgets"}},
	{"Services", []string{"Fitness Trainer", "Personal Trainer", "Fitnesstrainer", "Coach sportif"}, []string{"training plans", "group classes", "motivation"}},
	{"Services", []string{"Flight Attendant", "Cabin Crew", "Flugbegleiter", "Hôtesse de l'air"}, []string{"passenger safety", "service", "languages"}},
	{"Services", []string{"Pilot", "Airline Pilot", "First Officer", "Pilote de ligne"}, []string{"ATPL", "flight operations", "safety"}},
}

// Seniority and decoration words as job ads use them.
var (
	seniorPrefixes = []string{"Senior", "Sr.", "Sr", "Junior", "Jr.", "Lead", "Principal", "Head of", "Trainee", "Assistant", "Chief", "Staff", "Mid-level", "Entry Level", "Experienced", "Werkstudent", "Intern", "Stellv."}
	suffixes       = []string{"(m/w/d)", "(m/f/d)", "(w/m/d)", "(f/m/x)", "- Remote", "- full time", "- part time", "(Teilzeit)", "(Vollzeit)", "II", "III", "(H/F)", "- urgent", "needed", "- Nights", "(Minijob)", "- immediate start"}
	abbreviations  = map[string]string{
		"Developer": "Dev", "Engineer": "Eng.", "Manager": "Mgr", "Assistant": "Asst.", "Senior": "Sr.",
		"Representative": "Rep", "Administrator": "Admin", "Specialist": "Spec.", "Technician": "Tech",
		"Department": "Dept.", "Operations": "Ops", "Customer": "Cust.", "Management": "Mgmt",
	}
)

// companyWords and companySuffixes build employer names per country.
var (
	companyWords = []string{"Nord", "Süd", "Alpen", "Rhein", "Blue", "Green", "Silver", "Nova", "Atlas", "Orion", "Vertex",
		"Helix", "Lumen", "Polar", "Delta", "Summit", "Harbor", "Cedar", "Aurora", "Pioneer", "Quantum", "Bright",
		"Urban", "Meridian", "Sterling", "Falcon", "Granite", "Maple", "Crown", "Union", "Metro", "Prime", "Zenith"}
	companyKinds = []string{"Logistik", "Systems", "Health", "Kliniken", "Foods", "Bau", "Software", "Retail", "Energy", "Hotels",
		"Consulting", "Finance", "Pflege", "Technik", "Labs", "Group", "Services", "Mobility", "Solutions", "Media"}
	companySuffixes = map[string][]string{
		"DE": {"GmbH", "AG", "GmbH & Co. KG"}, "AT": {"GmbH", "AG"}, "CH": {"AG", "SA", "GmbH"},
		"FR": {"SAS", "SA", "SARL"}, "BE": {"SA", "NV", "BV"}, "ES": {"S.L.", "S.A."}, "IT": {"S.p.A.", "S.r.l."},
		"NL": {"B.V.", "N.V."}, "GB": {"Ltd", "plc"}, "IE": {"Ltd", "DAC"}, "US": {"Inc.", "LLC", "Corp."},
		"PL": {"sp. z o.o.", "S.A."}, "SE": {"AB"}, "DK": {"A/S", "ApS"}, "CZ": {"s.r.o.", "a.s."}, "PT": {"Lda", "S.A."},
	}
)

// countryLanguages is the main language(s) of each demo country, spoken natively (C2).
var countryLanguages = map[string][]string{
	"DE": {"de"}, "AT": {"de"}, "CH": {"de", "fr"}, "FR": {"fr"}, "BE": {"fr", "nl"}, "ES": {"es"}, "IT": {"it"},
	"NL": {"nl"}, "GB": {"en"}, "IE": {"en"}, "US": {"en"}, "PL": {"pl"}, "SE": {"sv"}, "DK": {"da"}, "CZ": {"cs"}, "PT": {"pt"},
}

// foreignLanguages are the second languages people list, most common first.
var foreignLanguages = []string{"en", "de", "fr", "es", "it", "ru", "pl", "nl", "pt", "tr", "ar", "uk", "ro", "sv"}
