# The catalogue a new installation seeds, in English: system field labels, list options,
# card sections, pipelines and stages. Every other language has exactly these keys.

## List: source

option-source-call = Call
option-source-email = Email
option-source-website = Website
option-source-advertising = Advertising
option-source-partner = Partner
option-source-trade-show = Trade show
option-source-recommendation = Recommendation
option-source-other = Other

## List: industry

option-industry-it = Information technology
option-industry-manufacturing = Manufacturing
option-industry-retail = Retail
option-industry-finance = Banking and finance
option-industry-logistics = Transport and logistics
option-industry-consulting = Consulting
option-industry-other = Other

## List: contact-type

option-contact-type-client = Client
option-contact-type-supplier = Supplier
option-contact-type-partner = Partner
option-contact-type-other = Other

## List: deal-type

option-deal-type-sale = Sale
option-deal-type-goods = Goods
option-deal-type-service = Services
option-deal-type-support = Service contract

## Fields: lead

field-lead-title = Lead name
field-lead-first-name = First name
field-lead-last-name = Last name
field-lead-company-name = Company name
field-lead-phone = Phone
field-lead-email = Email
field-lead-source = Source
field-lead-opportunity = Opportunity
field-lead-address = Address
field-lead-responsible = Responsible
field-lead-comment = Comment

## Fields: deal

field-deal-title = Deal name
field-deal-amount = Amount
field-deal-close-date = Expected close date
field-deal-deal-type = Type
field-deal-source = Source
field-deal-probability = Probability, %
field-deal-next-call = Next call
field-deal-contact = Contact
field-deal-company = Company
field-deal-responsible = Responsible
field-deal-comment = Comment

## Fields: contact

field-contact-first-name = First name
field-contact-last-name = Last name
field-contact-position = Position
field-contact-phone = Phone
field-contact-email = Email
field-contact-company = Company
field-contact-birthday = Birthday
field-contact-contact-type = Contact type
field-contact-source = Source
field-contact-newsletter = Agrees to newsletters
field-contact-address = Address
field-contact-responsible = Responsible
field-contact-comment = Comment

## Fields: company

field-company-name = Company name
field-company-industry = Industry
field-company-employees = Employees
field-company-annual-revenue = Annual revenue
field-company-phone = Phone
field-company-email = Email
field-company-website = Website
field-company-address = Address
field-company-responsible = Responsible
field-company-comment = Comment

## Fields: invoice

field-invoice-number = Invoice number
field-invoice-amount = Amount
field-invoice-due-date = Due date
field-invoice-deal = Deal
field-invoice-payer = Payer
field-invoice-responsible = Responsible
field-invoice-comment = Comment

## Fields: quote

field-quote-title = Quote name
field-quote-amount = Amount
field-quote-valid-until = Valid until
field-quote-deal = Deal
field-quote-contact = Contact
field-quote-responsible = Responsible
field-quote-comment = Comment

## Fields: smart processes

field-smart-title = Name
field-smart-responsible = Responsible
field-smart-contact = Contact
field-smart-company = Company

## Sections: lead

section-lead-about = About the lead
section-lead-contact = Contact information
section-lead-more = More

## Sections: deal

section-deal-about = About the deal
section-deal-client = Client
section-deal-more = More

## Sections: contact

section-contact-about = About the contact
section-contact-contact = Contact information
section-contact-more = More

## Sections: company

section-company-about = About the company
section-company-contact = Contact information
section-company-more = More

## Sections: invoice

section-invoice-about = About the invoice
section-invoice-links = Deal and payer
section-invoice-more = More

## Sections: quote

section-quote-about = About the quote
section-quote-links = Deal and client
section-quote-more = More

## Sections: smart processes

section-smart-about = About
section-smart-client = Client
section-smart-links = Links

## Pipeline: smart general

pipeline-smart-general = General
stage-smart-general-new = New
stage-smart-general-in-progress = In progress
stage-smart-general-done = Done
stage-smart-general-failed = Failed

## Pipeline: lead leads

pipeline-lead-leads = Leads
stage-lead-leads-new = New
stage-lead-leads-in-progress = In progress
stage-lead-leads-converted = Converted
stage-lead-leads-junk = Junk lead

## Pipeline: deal sales

pipeline-deal-sales = Sales
stage-deal-sales-new = New
stage-deal-sales-preparation = Preparing documents
stage-deal-sales-invoice = Invoice
stage-deal-sales-in-progress = In progress
stage-deal-sales-won = Deal won
stage-deal-sales-lost = Deal lost

## Pipeline: deal support

pipeline-deal-support = Support
stage-deal-support-new = New request
stage-deal-support-diagnosis = Diagnosis
stage-deal-support-resolved = Resolved
stage-deal-support-rejected = Rejected

## Pipeline: invoice invoices

pipeline-invoice-invoices = Invoices
stage-invoice-invoices-draft = New
stage-invoice-invoices-sent = Sent to client
stage-invoice-invoices-paid = Paid
stage-invoice-invoices-cancelled = Cancelled

## Pipeline: quote quotes

pipeline-quote-quotes = Quotes
stage-quote-quotes-draft = Draft
stage-quote-quotes-sent = Sent to client
stage-quote-quotes-accepted = Accepted
stage-quote-quotes-declined = Declined

## Roles

role-administrator = Administrator
role-employee = Employee

## The stages a pipeline an administrator adds starts with (any type)

stage-any-new = New
stage-any-in-progress = In progress
stage-any-won = Won
stage-any-lost = Lost
