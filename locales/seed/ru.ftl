# Каталог, который записывает новая установка, на русском: названия системных полей, варианты списков,
# разделы карточек, воронки и стадии. Ключи те же и в том же порядке, что в en.ftl.

## List: source

option-source-call = Звонок
option-source-email = Электронная почта
option-source-website = Веб-сайт
option-source-advertising = Реклама
option-source-partner = Партнёр
option-source-trade-show = Выставка
option-source-recommendation = Рекомендация
option-source-other = Другое

## List: industry

option-industry-it = Информационные технологии
option-industry-manufacturing = Производство
option-industry-retail = Розничная торговля
option-industry-finance = Банковские услуги и финансы
option-industry-logistics = Транспорт и логистика
option-industry-consulting = Консалтинг
option-industry-other = Другое

## List: contact-type

option-contact-type-client = Клиент
option-contact-type-supplier = Поставщик
option-contact-type-partner = Партнёр
option-contact-type-other = Другое

## List: deal-type

option-deal-type-sale = Продажа
option-deal-type-goods = Продажа товара
option-deal-type-service = Продажа услуги
option-deal-type-support = Сервисное обслуживание

## Fields: lead

field-lead-title = Название лида
field-lead-first-name = Имя
field-lead-last-name = Фамилия
field-lead-company-name = Название компании
field-lead-phone = Телефон
field-lead-email = E-mail
field-lead-source = Источник
field-lead-opportunity = Возможная сумма сделки
field-lead-address = Адрес
field-lead-responsible = Ответственный
field-lead-comment = Комментарий

## Fields: deal

field-deal-title = Название сделки
field-deal-amount = Сумма
field-deal-close-date = Предполагаемая дата закрытия
field-deal-deal-type = Тип сделки
field-deal-source = Источник
field-deal-probability = Вероятность, %
field-deal-next-call = Следующий звонок
field-deal-contact = Контакт
field-deal-company = Компания
field-deal-responsible = Ответственный
field-deal-comment = Комментарий

## Fields: contact

field-contact-first-name = Имя
field-contact-last-name = Фамилия
field-contact-position = Должность
field-contact-phone = Телефон
field-contact-email = E-mail
field-contact-company = Компания
field-contact-birthday = Дата рождения
field-contact-contact-type = Тип контакта
field-contact-source = Источник
field-contact-newsletter = Согласен на рассылку
field-contact-address = Адрес
field-contact-responsible = Ответственный
field-contact-comment = Комментарий

## Fields: company

field-company-name = Название компании
field-company-industry = Сфера деятельности
field-company-employees = Кол-во сотрудников
field-company-annual-revenue = Годовой оборот
field-company-phone = Телефон
field-company-email = E-mail
field-company-website = Сайт
field-company-address = Адрес
field-company-responsible = Ответственный
field-company-comment = Комментарий

## Fields: invoice

field-invoice-number = Номер счёта
field-invoice-amount = Сумма
field-invoice-due-date = Срок оплаты
field-invoice-deal = Сделка
field-invoice-payer = Плательщик
field-invoice-responsible = Ответственный
field-invoice-comment = Комментарий

## Fields: quote

field-quote-title = Название предложения
field-quote-amount = Сумма
field-quote-valid-until = Действительно до
field-quote-deal = Сделка
field-quote-contact = Контакт
field-quote-responsible = Ответственный
field-quote-comment = Комментарий

## Fields: smart processes

field-smart-title = Название
field-smart-responsible = Ответственный
field-smart-contact = Контакт
field-smart-company = Компания

## Sections: lead

section-lead-about = О лиде
section-lead-contact = Контактная информация
section-lead-more = Дополнительно

## Sections: deal

section-deal-about = О сделке
section-deal-client = Клиент
section-deal-more = Дополнительно

## Sections: contact

section-contact-about = О контакте
section-contact-contact = Контактная информация
section-contact-more = Дополнительно

## Sections: company

section-company-about = О компании
section-company-contact = Контактная информация
section-company-more = Дополнительно

## Sections: invoice

section-invoice-about = О счёте
section-invoice-links = Сделка и плательщик
section-invoice-more = Дополнительно

## Sections: quote

section-quote-about = О предложении
section-quote-links = Сделка и клиент
section-quote-more = Дополнительно

## Sections: smart processes

section-smart-about = Об элементе
section-smart-client = Клиент
section-smart-links = Связи

## Pipeline: smart general

pipeline-smart-general = Общая
stage-smart-general-new = Новый
stage-smart-general-in-progress = В работе
stage-smart-general-done = Успех
stage-smart-general-failed = Провал

## Pipeline: lead leads

pipeline-lead-leads = Лиды
stage-lead-leads-new = Не обработан
stage-lead-leads-in-progress = В работе
stage-lead-leads-converted = Качественный лид
stage-lead-leads-junk = Некачественный лид

## Pipeline: deal sales

pipeline-deal-sales = Продажи
stage-deal-sales-new = Новая
stage-deal-sales-preparation = Подготовка документов
stage-deal-sales-invoice = Счёт на предоплату
stage-deal-sales-in-progress = В работе
stage-deal-sales-won = Сделка успешна
stage-deal-sales-lost = Сделка провалена

## Pipeline: deal support

pipeline-deal-support = Поддержка
stage-deal-support-new = Новое обращение
stage-deal-support-diagnosis = Диагностика
stage-deal-support-resolved = Решено
stage-deal-support-rejected = Отклонено

## Pipeline: invoice invoices

pipeline-invoice-invoices = Счета
stage-invoice-invoices-draft = Новый
stage-invoice-invoices-sent = Отправлен клиенту
stage-invoice-invoices-paid = Оплачен
stage-invoice-invoices-cancelled = Отменён

## Pipeline: quote quotes

pipeline-quote-quotes = Предложения
stage-quote-quotes-draft = Черновик
stage-quote-quotes-sent = Отправлено клиенту
stage-quote-quotes-accepted = Принято
stage-quote-quotes-declined = Отклонено

## Roles

role-administrator = Администратор
role-employee = Сотрудник

## The stages a pipeline an administrator adds starts with (any type)

stage-any-new = Новый
stage-any-in-progress = В работе
stage-any-won = Успех
stage-any-lost = Провал
