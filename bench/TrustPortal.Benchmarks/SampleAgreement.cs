using TrustPortal.Documents;

namespace TrustPortal.Benchmarks;

/// <summary>
/// A realistic executed DPA (about ten pages: 15 sections, 3 annexes with a subprocessor table, 2 signatures, 4 events).
/// Shared by the benchmarks and the tests (linked into the test project), so both measure and check the same document.
/// </summary>
public static class SampleAgreement
{
    public const string Number = "DPA-2026-000123";
    public const string Customer = "Northwind Health GmbH";
    public const string Vendor = "Meridian AI, Inc.";

    public static AgreementContent Build() => new()
    {
        Title = "Data Processing Addendum",
        AgreementNumber = Number,
        Metadata = new DocumentMetadata($"Data Processing Addendum {Number}", Vendor,
            $"Data Processing Addendum between {Customer} and {Vendor}", "DPA, GDPR, CCPA, data processing",
            new DateTime(2026, 3, 14, 10, 22, 5, DateTimeKind.Utc)),
        Preamble =
        [
            $"This Data Processing Addendum (the \"Addendum\") forms part of the Master Subscription Agreement or other written or electronic agreement (the \"Agreement\") between {Customer} (\"Customer\") and {Vendor} (\"Provider\") for the purchase of the Provider's hosted machine-learning services (the \"Services\").",
            "The parties enter into this Addendum to reflect their agreement about the processing of personal data under the Agreement, in accordance with the requirements of Data Protection Laws. Where the Agreement and this Addendum conflict, this Addendum prevails in respect of the processing of personal data.",
        ],
        Parties =
        [
            new PartyBlock("Customer (controller)", Customer, ["Friedrichstrasse 68", "10117 Berlin, Germany", "Commercial register: HRB 204871 B"]),
            new PartyBlock("Provider (processor)", Vendor, ["500 Howard Street, Suite 300", "San Francisco, CA 94105, United States", "Delaware file number: 7712094"]),
        ],
        Sections = Sections(),
        Annexes = Annexes(),
        Signatures =
        [
            new SignatureBlock("Customer (controller)", Customer, "Katharina Vogel", "Katharina Vogel", "Chief Privacy Officer", "14 March 2026",
                "Signed electronically by typing their name; k.vogel@northwind-health.example"),
            new SignatureBlock("Provider (processor)", Vendor, "Daniel Okafor", "Daniel Okafor", "General Counsel", "14 March 2026",
                "Pre-signed for self-serve execution; applied when the customer signed."),
        ],
        Certificate = new CertificateContent(
            [
                new CertificateEvent(new DateTime(2026, 3, 12, 16, 4, 51, DateTimeKind.Utc), "Prepared by Priya Raman (Meridian AI) and sent to k.vogel@northwind-health.example for signature", null, null),
                new CertificateEvent(new DateTime(2026, 3, 14, 10, 19, 37, DateTimeKind.Utc), "Signing link opened by k.vogel@northwind-health.example", "203.0.113.42", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"),
                new CertificateEvent(new DateTime(2026, 3, 14, 10, 22, 5, DateTimeKind.Utc), "Signed by Katharina Vogel (k.vogel@northwind-health.example), typing \"Katharina Vogel\" and confirming authority to bind Northwind Health GmbH", "203.0.113.42", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"),
                new CertificateEvent(new DateTime(2026, 3, 14, 10, 22, 6, DateTimeKind.Utc), "Executed for Meridian AI, Inc. by Daniel Okafor, General Counsel, and sealed", null, null),
            ],
            [
                new("Agreement number", Number),
                new("Template", "Data Processing Addendum, version 4 (effective 2026-01-01)"),
                new("Template SHA-256", "3f1c9a0be27d54e8a6b1f0c2d9e4a7b8c5d6e1f2a3b4c5d6e7f8091a2b3c4d5e"),
                new("Commitments version", "7"),
                new("Commitments SHA-256", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3c2f0e1d4b5a6978812ab34cd"),
                new("Subprocessor list SHA-256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ],
            [
                "This document is sealed with Meridian AI, Inc.'s document certificate. Any change to the file, even one byte, breaks the seal.",
                "To check a copy, upload it at https://trust.meridian-ai.example/verify. The portal confirms the seal and that this exact file is the one it issued.",
            ],
            // As the executor prints it: the QR code and address that lead to this agreement's status page.
            StatusUrl),
    };

    public const string StatusUrl = "https://trust.meridian-ai.example/verify/a/3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static List<ClauseSection> Sections() =>
    [
        new("1", "Definitions and interpretation",
        [
            new("1.1", "In this Addendum, capitalised terms not defined here have the meaning given in the Agreement, and the following terms have these meanings:",
            [
                "\"Data Protection Laws\" means all laws on data protection and privacy that apply to the processing of Customer Personal Data under the Agreement, including the GDPR, the UK GDPR, the Swiss Federal Act on Data Protection and the California Consumer Privacy Act;",
                "\"Customer Personal Data\" means personal data that the Provider processes on behalf of the Customer in providing the Services;",
                "\"Security Incident\" means a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, Customer Personal Data;",
                "\"Subprocessor\" means any processor engaged by the Provider to process Customer Personal Data;",
                "\"Standard Contractual Clauses\" means the clauses annexed to Commission Implementing Decision (EU) 2021/914 of 4 June 2021.",
            ]),
            new("1.2", "The terms \"controller\", \"processor\", \"data subject\", \"personal data\", \"processing\" and \"supervisory authority\" have the meanings given in the GDPR, and their cognate terms are construed accordingly.", []),
            new("1.3", "Headings are for convenience only. The words \"including\" and \"in particular\" illustrate and do not limit the words that precede them.", []),
        ]),
        new("2", "Scope and roles of the parties",
        [
            new("2.1", "This Addendum applies to the processing of Customer Personal Data by the Provider in the course of providing the Services. The subject matter, nature, purpose and duration of the processing, and the types of personal data and categories of data subjects, are set out in Annex I.", []),
            new("2.2", "The Customer is the controller and the Provider is the processor of Customer Personal Data, except where the Customer acts as a processor on behalf of its own controllers, in which case the Provider is a subprocessor and the Customer remains responsible for passing on the instructions of those controllers.", []),
            new("2.3", "Each party shall comply with the obligations that Data Protection Laws impose on it in respect of Customer Personal Data. The Customer is responsible for the lawfulness of the processing it instructs, including having a lawful basis and giving any notices that Data Protection Laws require.", []),
        ]),
        new("3", "Processing on instructions",
        [
            new("3.1", "The Provider shall process Customer Personal Data only on the documented instructions of the Customer, including with regard to transfers to a third country, unless required to do so by law to which the Provider is subject; in that case the Provider shall inform the Customer of that legal requirement before processing, unless the law prohibits this on important grounds of public interest.", []),
            new("3.2", "The Agreement, this Addendum and the Customer's use and configuration of the Services are the Customer's complete instructions at the date of this Addendum. Further instructions must be given in writing, be consistent with the Agreement, and are subject to any fees the parties agree.", []),
            new("3.3", "The Provider shall inform the Customer without undue delay if, in its opinion, an instruction infringes Data Protection Laws, and may suspend the processing concerned until the Customer confirms or amends the instruction.", []),
            new("3.4", "The Provider shall not use Customer Personal Data to train, retrain or improve machine-learning models that are made available to its other customers, and shall not sell or share Customer Personal Data within the meaning of the California Consumer Privacy Act.", []),
        ]),
        new("4", "Confidentiality of personnel",
        [
            new("4.1", "The Provider shall ensure that persons authorised to process Customer Personal Data have committed themselves to confidentiality or are under an appropriate statutory obligation of confidentiality, and that access is limited to those who need it to provide, support or secure the Services.", []),
            new("4.2", "The Provider shall give its personnel appropriate training on data protection and information security when they join and at least once a year afterwards.", []),
        ]),
        new("5", "Security of processing",
        [
            new("5.1", "Taking into account the state of the art, the costs of implementation and the nature, scope, context and purposes of processing, as well as the risks to the rights and freedoms of natural persons, the Provider shall implement and maintain the technical and organisational measures described in Annex II, which include:",
            [
                "encryption of Customer Personal Data in transit using TLS 1.2 or later and at rest using AES-256;",
                "the ability to ensure the ongoing confidentiality, integrity, availability and resilience of processing systems and services;",
                "the ability to restore the availability of and access to Customer Personal Data in a timely manner in the event of a physical or technical incident;",
                "a process for regularly testing, assessing and evaluating the effectiveness of the measures.",
            ]),
            new("5.2", "The Provider may update the measures in Annex II from time to time, provided that the updates do not materially decrease the overall level of protection of Customer Personal Data.", []),
        ]),
        new("6", "Subprocessors",
        [
            new("6.1", "The Customer gives the Provider general authorisation to engage Subprocessors. The Subprocessors engaged at the date of this Addendum are listed in Annex III.", []),
            new("6.2", "The Provider shall give the Customer at least thirty days' notice of any intended addition or replacement of a Subprocessor by updating its published list and notifying subscribers. The Customer may object on reasonable data protection grounds within that period, in which case the parties shall discuss the objection in good faith; failing resolution, the Customer may terminate the affected Services and receive a pro-rata refund of prepaid fees.", []),
            new("6.3", "The Provider shall impose on each Subprocessor, by written contract, data protection obligations that offer at least the same level of protection as this Addendum, and remains fully liable to the Customer for the performance of each Subprocessor's obligations.", []),
        ]),
        new("7", "International transfers",
        [
            new("7.1", "The Provider shall not transfer Customer Personal Data to a country outside the European Economic Area, the United Kingdom or Switzerland unless the transfer complies with Data Protection Laws.", []),
            new("7.2", "To the extent the Provider processes Customer Personal Data in a country that has not been found to provide an adequate level of protection, the parties agree to Module Two (controller to processor) of the Standard Contractual Clauses, which are incorporated by reference and completed as follows: the optional docking clause applies; in Clause 9, option 2 applies with the notice period in clause 6.2; in Clause 17, the law of Ireland applies; and in Clause 18, the courts of Dublin have jurisdiction. Annexes I to III of this Addendum complete the annexes of the Standard Contractual Clauses.", []),
            new("7.3", "For transfers subject to the UK GDPR, the International Data Transfer Addendum issued by the Information Commissioner applies, and for transfers subject to Swiss law the Standard Contractual Clauses apply with the amendments required by the Federal Data Protection and Information Commissioner.", []),
        ]),
        new("8", "Assistance with data subject requests",
        [
            new("8.1", "Taking into account the nature of the processing, the Provider shall assist the Customer by appropriate technical and organisational measures, insofar as this is possible, to fulfil the Customer's obligation to respond to requests from data subjects to exercise their rights of access, rectification, erasure, restriction, portability and objection.", []),
            new("8.2", "If the Provider receives a request directly from a data subject, it shall not respond other than to direct the data subject to the Customer, and shall forward the request to the Customer within five business days.", []),
        ]),
        new("9", "Personal data breach",
        [
            new("9.1", "The Provider shall notify the Customer without undue delay, and in any event within forty-eight hours, after becoming aware of a Security Incident.", []),
            new("9.2", "The notice shall describe, so far as then known:",
            [
                "the nature of the Security Incident, including the categories and approximate number of data subjects and records concerned;",
                "the likely consequences of the Security Incident;",
                "the measures taken or proposed to address the Security Incident and to mitigate its possible adverse effects;",
                "the name and contact details of the Provider's point of contact.",
            ]),
            new("9.3", "The Provider shall take reasonable steps to contain, investigate and remedy the Security Incident and shall keep the Customer informed. A notification is not an acknowledgement of fault or liability.", []),
        ]),
        new("10", "Impact assessments and prior consultation",
        [
            new("10.1", "The Provider shall provide reasonable assistance to the Customer with any data protection impact assessment, and any prior consultation with a supervisory authority, that the Customer reasonably considers to be required in relation to the processing of Customer Personal Data by the Provider.", []),
        ]),
        new("11", "Audits and information",
        [
            new("11.1", "The Provider shall make available to the Customer all information necessary to demonstrate compliance with this Addendum, including its most recent ISO/IEC 27001 certificate and SOC 2 Type II report, which are the Provider's confidential information.", []),
            new("11.2", "Where the information under clause 11.1 is not sufficient to demonstrate compliance, or where a supervisory authority requires it, the Customer may, at its own cost and no more than once in any twelve months, conduct an audit by an independent auditor bound by confidentiality, on at least thirty days' written notice, during normal business hours and without unreasonable disruption to the Provider's operations.", []),
        ]),
        new("12", "Return and deletion",
        [
            new("12.1", "On termination or expiry of the Agreement, the Provider shall, at the Customer's choice, return Customer Personal Data to the Customer in a commonly used machine-readable format or delete it, and delete existing copies within thirty days, unless law requires storage of the personal data.", []),
            new("12.2", "Backups containing Customer Personal Data are overwritten in the normal rotation within ninety days and remain protected by this Addendum until then.", []),
        ]),
        new("13", "Liability",
        [
            new("13.1", "Each party's liability arising out of or in connection with this Addendum is subject to the exclusions and limitations of liability in the Agreement, except that nothing limits either party's liability to data subjects under the Standard Contractual Clauses or under Data Protection Laws.", []),
        ]),
        new("14", "Term and termination",
        [
            new("14.1", "This Addendum takes effect on the date of the last signature below and continues for as long as the Provider processes Customer Personal Data, notwithstanding the expiry or termination of the Agreement.", []),
            new("14.2", "Clauses 9, 12 and 13 survive termination of this Addendum to the extent needed to give effect to them.", []),
        ]),
        new("15", "General provisions",
        [
            new("15.1", "This Addendum is governed by the law that governs the Agreement, except where the Standard Contractual Clauses require otherwise.", []),
            new("15.2", "In the event of a conflict, the following order of precedence applies: the Standard Contractual Clauses; this Addendum; the Agreement.", []),
            new("15.3", "If any provision of this Addendum is held invalid or unenforceable, the remainder continues in effect, and the invalid provision is replaced with a valid one that comes closest to the parties' intention.", []),
            new("15.4", "Notices under this Addendum are given by email to the privacy contacts named in the Agreement: for the Provider, privacy@meridian-ai.example.", []),
        ]),
    ];

    private static List<Annex> Annexes() =>
    [
        new("I", "Details of processing",
        [
            new("A. List of parties", ["Data exporter: the Customer, as identified above, acting as controller. Data importer: the Provider, as identified above, acting as processor."], null),
            new("B. Description of processing", [], new AnnexTable(
                ["Item", "Details"],
                [
                    ["Categories of data subjects", "Patients and prospective patients of the Customer; the Customer's employees and contractors; individuals who contact the Customer's support channels."],
                    ["Categories of personal data", "Identification and contact data; appointment history; free-text messages submitted to the Customer's assistant; technical data such as IP address and device identifiers."],
                    ["Special categories of data", "Health data contained in free-text messages, processed only to provide the Services and protected by the additional measures in Annex II."],
                    ["Nature of processing", "Hosting, storage, transcription, classification and retrieval of Customer Personal Data by the Provider's hosted machine-learning models, under the Customer's configuration."],
                    ["Purposes of processing", "Providing, securing and supporting the Services for the Customer."],
                    ["Frequency", "Continuous, for as long as the Customer uses the Services."],
                    ["Duration and retention", "The term of the Agreement, then until deletion as clause 12 provides. Logs are kept for thirty days."],
                    ["Transfer mechanism", "Standard Contractual Clauses, Module Two, with the UK International Data Transfer Addendum where applicable."],
                    ["Competent supervisory authority", "Berliner Beauftragte für Datenschutz und Informationsfreiheit."],
                ],
                [1, 2])),
        ]),
        new("II", "Technical and organisational measures",
        [
            new("Access control", ["Access to production systems requires single sign-on with hardware-backed multi-factor authentication, is granted on least privilege and reviewed every quarter. Administrative sessions are recorded and privileged access expires after twelve hours."], null),
            new("Encryption", ["Customer Personal Data is encrypted in transit with TLS 1.2 or later and at rest with AES-256 using keys held in a managed key service; keys are rotated every year and on suspicion of compromise."], null),
            new("Availability and resilience", ["Services run in at least two availability zones in the EU region, with daily encrypted backups tested each quarter. The recovery point objective is twenty-four hours and the recovery time objective is eight hours."], null),
            new("Monitoring and incident response", ["Security events are collected centrally and reviewed around the clock. The incident response plan is tested twice a year, and lessons learned are tracked to completion."], null),
            new("Secure development", ["Changes are peer reviewed, scanned for vulnerabilities and secrets, and deployed through an automated pipeline. Third-party penetration tests are performed every year and after major changes."], null),
            new("Personnel", ["Personnel undergo background checks where the law allows, sign confidentiality undertakings and complete security and privacy training every year."], null),
        ]),
        new("III", "Subprocessors",
        [
            new(null, ["The Customer authorises the following Subprocessors at the date of this Addendum. The current list is published at https://trust.meridian-ai.example/subprocessors."], new AnnexTable(
                ["Subprocessor", "Purpose", "Location", "Data"],
                [
                    ["Amazon Web Services EMEA SARL", "Cloud hosting and storage of the Services", "Frankfurt, Germany", "All Customer Personal Data"],
                    ["Microsoft Ireland Operations Ltd", "Hosting of machine-learning inference capacity", "Dublin, Ireland", "Messages and transcripts"],
                    ["Cloudflare, Inc.", "Content delivery, DDoS protection and web application firewall", "United States and EU edge locations", "Technical data"],
                    ["Datadog, Inc.", "Infrastructure monitoring and log management (EU instance)", "Frankfurt, Germany", "Technical data, pseudonymised identifiers"],
                    ["Zendesk, Inc.", "Customer support ticketing", "EU region, with support access from the United States", "Contact data, support messages"],
                    ["Twilio Ireland Ltd (SendGrid)", "Transactional email delivery", "United States", "Email addresses, message metadata"],
                    ["Stripe Payments Europe Ltd", "Billing and payment processing", "Ireland", "Billing contact data"],
                    ["Snowflake Computing Netherlands B.V.", "Product analytics on aggregated usage data", "Amsterdam, Netherlands", "Pseudonymised usage data"],
                    ["Okta, Inc.", "Single sign-on for the Customer's users", "EU region", "User identifiers, authentication events"],
                    ["PagerDuty, Inc.", "On-call alerting for the Provider's engineers", "United States", "No Customer Personal Data beyond incident metadata"],
                ],
                [2.2, 3, 2, 2])),
        ]),
    ];
}
